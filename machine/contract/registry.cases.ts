import type { RegistryValue } from '../../shared/registry.js';
import {
  absent,
  done,
  dword,
  err,
  invalidOp,
  key,
  machine,
  ok,
  POLICY,
  POLICY_ROOT,
  sz,
  TSC,
} from './contract-fixtures.js';
import type { ContractCase } from './contract-types.js';

/*
 * The registry family's contract cases (Registry.ps1), with the batch rules they show: write mode stops at
 * the first failure, read mode runs every op, an op outside the vocabulary is invalid-argument.
 */

const SERVERS_TREE = key(
  {},
  {
    'server01.contoso.com': key({
      UsernameHint: sz('CONTOSO\\alice'),
      CertHash: { type: 'REG_BINARY', data: '0a1b' },
    }),
    Server02: key({ UsernameHint: sz('bob') }),
  },
);
const WITH_SERVERS = machine({
  registry: {
    [`${TSC}\\Servers\\server01.contoso.com`]: {
      UsernameHint: sz('CONTOSO\\alice'),
      CertHash: { type: 'REG_BINARY', data: '0a1b' },
    },
    [`${TSC}\\Servers\\Server02`]: { UsernameHint: sz('bob') },
    [`${TSC}\\Default`]: { MRU0: sz('server01.contoso.com'), MRU1: sz('server02') },
  },
});

const ALL_TYPES: Record<string, RegistryValue> = {
  Sz: sz('server01'),
  Expand: { type: 'REG_EXPAND_SZ', data: '%USERPROFILE%\\Documents' },
  Multi: { type: 'REG_MULTI_SZ', data: ['a', 'b'] },
  Dword: dword(4294967295),
  Qword: { type: 'REG_QWORD', data: '18446744073709551615' },
  Binary: { type: 'REG_BINARY', data: '00ff10' },
  '': sz('default value'),
};

export const REGISTRY_CASES: readonly ContractCase[] = [
  {
    name: 'registry.readValue: key paths and value names are case-insensitive, hive spelled either way',
    realMachine: 'portable',
    machine: WITH_SERVERS,
    ops: [
      {
        op: 'registry.readValue',
        path: 'HKEY_CURRENT_USER\\software\\MICROSOFT\\terminal server client\\default',
        name: 'mru0',
      },
      { op: 'registry.readValue', path: `${TSC}\\Default`, name: 'MRU9' },
      { op: 'registry.readValue', path: `${TSC}\\NoSuchKey`, name: 'MRU0' },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [ok({ exists: true, value: sz('server01.contoso.com') }), absent, absent],
  },
  {
    name: 'registry.readKey: the whole subtree with every value type and the original casing of names',
    realMachine: 'portable',
    machine: machine({
      registry: { [`${TSC}\\Servers\\Server02`]: { UsernameHint: sz('bob') }, [`${TSC}\\Types`]: ALL_TYPES },
    }),
    ops: [
      { op: 'registry.readKey', path: `${TSC.toUpperCase()}` },
      { op: 'registry.readKey', path: `${TSC}\\Missing` },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [
      ok({
        exists: true,
        tree: key(
          {},
          { Servers: key({}, { Server02: key({ UsernameHint: sz('bob') }) }), Types: key(ALL_TYPES) },
        ),
      }),
      absent,
    ],
  },
  {
    name: 'registry.setValue creates the missing key; a second identical write changes nothing',
    realMachine: 'portable',
    machine: machine(),
    ops: [
      {
        op: 'registry.setValue',
        path: `${TSC}\\Servers\\NEW-HOST`,
        name: 'UsernameHint',
        value: sz('alice'),
      },
      {
        op: 'registry.setValue',
        path: `${TSC}\\Servers\\new-host`,
        name: 'usernamehint',
        value: sz('alice'),
      },
      { op: 'registry.readValue', path: `${TSC}\\Servers\\New-Host`, name: 'UsernameHint' },
    ],
    runOptions: { mode: 'write' },
    expectedResults: [done, done, ok({ exists: true, value: sz('alice') })],
    expectedMachineAfter: {
      registry: { [`${TSC}\\Servers`]: key({}, { 'NEW-HOST': key({ UsernameHint: sz('alice') }) }) },
    },
  },
  {
    name: 'registry.setValue replaces a value of another type and keeps the name as first spelled',
    realMachine: 'portable',
    machine: machine({ registry: { [POLICY]: { fClientDisableUDP: sz('1') } } }),
    ops: [{ op: 'registry.setValue', path: POLICY, name: 'FCLIENTDISABLEUDP', value: dword(1) }],
    runOptions: { mode: 'write', elevated: true },
    expectedResults: [done],
    expectedMachineAfter: { registry: { [POLICY]: key({ fClientDisableUDP: dword(1) }) } },
  },
  {
    name: 'registry.setValue under HKLM outside the elevated batch is refused and changes nothing',
    realMachine: 'portable',
    machine: machine({ registry: { [POLICY]: { fClientDisableUDP: dword(0) } } }),
    ops: [{ op: 'registry.setValue', path: POLICY, name: 'fClientDisableUDP', value: dword(1) }],
    runOptions: { mode: 'write' },
    expectedResults: [err('invalid-argument')],
    expectedMachineAfter: { registry: { [POLICY]: key({ fClientDisableUDP: dword(0) }) } },
  },
  {
    // RDP Repair started with "Run as administrator": Windows would allow the write, the interpreter does not.
    name: 'with an administrator token too, a machine-wide write outside the elevated batch is refused',
    realMachine: 'portable',
    machine: (() => {
      const m = machine({ registry: { [POLICY]: { fClientDisableUDP: dword(0) } } });
      return { ...m, os: { ...m.os, elevated: true } };
    })(),
    ops: [
      { op: 'registry.setValue', path: POLICY_ROOT, name: 'fDenyTSConnections', value: dword(0) },
      { op: 'registry.setValue', path: POLICY, name: 'fClientDisableUDP', value: dword(7) },
      { op: 'registry.deleteValue', path: POLICY, name: 'fClientDisableUDP' },
      { op: 'registry.writeKey', path: POLICY_ROOT, tree: { values: {}, subkeys: {} } },
    ],
    runOptions: { mode: 'read' },
    expectedResults: Array.from({ length: 4 }, () => err('invalid-argument')),
    expectedMachineAfter: { registry: { [POLICY]: key({ fClientDisableUDP: dword(0) }) } },
  },
  {
    name: 'registry.deleteValue is idempotent: present, already gone, key missing',
    realMachine: 'portable',
    machine: WITH_SERVERS,
    ops: [
      { op: 'registry.deleteValue', path: `${TSC}\\Default`, name: 'mru0' },
      { op: 'registry.deleteValue', path: `${TSC}\\Default`, name: 'MRU0' },
      { op: 'registry.deleteValue', path: `${TSC}\\Missing`, name: 'MRU0' },
    ],
    runOptions: { mode: 'write' },
    expectedResults: [done, done, done],
    expectedMachineAfter: { registry: { [`${TSC}\\Default`]: key({ MRU1: sz('server02') }) } },
  },
  {
    name: 'registry.deleteKey removes the key and everything below it; deleting it again succeeds',
    realMachine: 'portable',
    machine: WITH_SERVERS,
    ops: [
      { op: 'registry.deleteKey', path: `${TSC}\\servers` },
      { op: 'registry.deleteKey', path: `${TSC}\\Servers` },
      { op: 'registry.readKey', path: `${TSC}\\Servers\\Server02` },
    ],
    runOptions: { mode: 'write' },
    expectedResults: [done, done, absent],
    expectedMachineAfter: {
      registry: {
        [`${TSC}\\Servers`]: null,
        [`${TSC}\\Default`]: key({ MRU0: sz('server01.contoso.com'), MRU1: sz('server02') }),
      },
    },
  },
  {
    name: 'registry values of other types (REG_NONE, big-endian, a custom number) round-trip as type and bytes',
    realMachine: 'portable',
    machine: machine({
      registry: {
        [`${TSC}\\Servers\\raw`]: {
          none: { type: 'REG_OTHER', valueType: 0, data: '0102' },
          big: { type: 'REG_OTHER', valueType: 5, data: '00000001' },
        },
      },
    }),
    ops: [
      { op: 'registry.readKey', path: `${TSC}\\Servers\\raw` },
      {
        op: 'registry.setValue',
        path: `${TSC}\\Servers\\raw`,
        name: 'own',
        value: { type: 'REG_OTHER', valueType: 74565, data: '' },
      },
      { op: 'registry.readValue', path: `${TSC}\\Servers\\raw`, name: 'own' },
    ],
    runOptions: { mode: 'write' },
    expectedResults: [
      ok({
        exists: true,
        tree: key({
          none: { type: 'REG_OTHER', valueType: 0, data: '0102' },
          big: { type: 'REG_OTHER', valueType: 5, data: '00000001' },
        }),
      }),
      done,
      ok({ exists: true, value: { type: 'REG_OTHER', valueType: 74565, data: '' } }),
    ],
  },
  {
    name: 'registry.deleteEmptyKey deletes a key with no values and no subkeys, and nothing else',
    realMachine: 'portable',
    machine: machine({
      registry: {
        [`${TSC}\\Empty`]: {},
        [`${TSC}\\Default`]: { MRU0: sz('server01') },
        [`${TSC}\\Servers\\Server02`]: { UsernameHint: sz('bob') },
      },
    }),
    ops: [
      { op: 'registry.deleteEmptyKey', path: `${TSC}\\Empty` },
      { op: 'registry.deleteEmptyKey', path: `${TSC}\\Default` },
      { op: 'registry.deleteEmptyKey', path: `${TSC}\\Servers` },
      { op: 'registry.deleteEmptyKey', path: `${TSC}\\Missing` },
    ],
    runOptions: { mode: 'write' },
    expectedResults: [done, done, done, done],
    expectedMachineAfter: {
      registry: {
        [`${TSC}\\Empty`]: null,
        [`${TSC}\\Default`]: key({ MRU0: sz('server01') }),
        [`${TSC}\\Servers`]: key({}, { Server02: key({ UsernameHint: sz('bob') }) }),
      },
    },
  },
  {
    name: 'registry.writeKey after deleteKey restores the key exactly (the undo of a purge)',
    realMachine: 'portable',
    machine: WITH_SERVERS,
    ops: [
      { op: 'registry.deleteKey', path: `${TSC}\\Servers` },
      { op: 'registry.writeKey', path: `${TSC}\\Servers`, tree: SERVERS_TREE },
    ],
    runOptions: { mode: 'write' },
    expectedResults: [done, done],
    expectedMachineAfter: { registry: { [`${TSC}\\Servers`]: SERVERS_TREE } },
  },
  {
    name: 'registry.writeKey replaces what is there: extra values and subkeys go',
    realMachine: 'portable',
    machine: WITH_SERVERS,
    ops: [
      {
        op: 'registry.writeKey',
        path: `${TSC}\\Servers`,
        tree: key({}, { 'server01.contoso.com': key({ UsernameHint: sz('CONTOSO\\alice') }) }),
      },
    ],
    runOptions: { mode: 'write' },
    expectedResults: [done],
    expectedMachineAfter: {
      registry: {
        [`${TSC}\\Servers`]: key({}, { 'server01.contoso.com': key({ UsernameHint: sz('CONTOSO\\alice') }) }),
      },
    },
  },
  {
    name: 'write mode stops at the first failure: the ops after it are skipped and not run',
    realMachine: 'portable',
    machine: machine(),
    ops: [
      { op: 'registry.setValue', path: `${TSC}\\Default`, name: 'MRU0', value: sz('a') },
      { op: 'file.setAttributes', folder: 'documents', name: 'missing.rdp', attributes: [] },
      { op: 'registry.setValue', path: `${TSC}\\Default`, name: 'MRU1', value: sz('b') },
    ],
    runOptions: { mode: 'write' },
    expectedResults: [done, err('not-found'), err('skipped')],
    expectedMachineAfter: { registry: { [`${TSC}\\Default`]: key({ MRU0: sz('a') }) } },
  },
  {
    name: 'read mode runs every op whatever fails before it',
    realMachine: 'portable',
    machine: WITH_SERVERS,
    ops: [
      { op: 'file.setAttributes', folder: 'documents', name: 'missing.rdp', attributes: [] },
      { op: 'registry.readValue', path: `${TSC}\\Default`, name: 'MRU1' },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [err('not-found'), ok({ exists: true, value: sz('server02') })],
  },
  {
    name: 'ops that break the vocabulary are invalid-argument, and the valid ones still run in read mode',
    realMachine: 'portable',
    machine: WITH_SERVERS,
    ops: [
      invalidOp({ op: 'registry.readValue', path: 'HKCR\\Software\\X', name: 'a' }),
      invalidOp({ op: 'file.read', folder: 'documents', name: '..\\..\\Windows\\win.ini' }),
      invalidOp({ op: 'service.restart', name: 'Spooler' }),
      invalidOp({ op: 'registry.deleteKey', path: 'HKCU' }),
      invalidOp({ op: 'shell.run', command: 'calc' }),
      { op: 'registry.readValue', path: `${TSC}\\Default`, name: 'MRU1' },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [
      err('invalid-argument'),
      err('invalid-argument'),
      err('invalid-argument'),
      err('invalid-argument'),
      err('invalid-argument'),
      ok({ exists: true, value: sz('server02') }),
    ],
  },
];
