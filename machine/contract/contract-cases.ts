import type { z } from 'zod';
import type { MachineDescriptionInput } from '../../shared/machine-description.js';
import {
  type CertificateSchema,
  CertificateStoreSchema,
  type FileAttribute,
  type Op,
  type OpErrorCode,
  type OpResult,
  ServiceNameSchema,
} from '../../shared/ops.js';
import type { RegistryKeyTree, RegistryValue } from '../../shared/registry.js';

/*
 * The one table of contract cases: op batch + starting machine → expected results + expected machine after.
 * It runs against the simulated machine here (simulated-contract.test.ts) and, exported as JSON with
 * contractCasesAsJson(), against the PowerShell interpreter on Windows CI. Data only: no functions, so the
 * JSON export is the whole table.
 */

/** Errors match on their code only: the wording is each interpreter's own. */
export type ExpectedResult = { ok: true; value: unknown } | { ok: false; error: { code: OpErrorCode } };

export interface ExpectedMachineAfter {
  /** Key path → the whole key as registry.readKey returns it; null: the key must not exist. */
  registry?: Record<string, RegistryKeyTree | null>;
  /** File name in Documents → its bytes and attributes as file.read returns them; null: must not exist. */
  files?: Record<string, { contentBase64: string; attributes: FileAttribute[] } | null>;
  /** The whole credential.list answer. */
  credentials?: { target: string; type: 'DomainPassword' | 'Generic'; user: string }[];
  /** Store → the whole certificate.list answer, as an unelevated process gets it. */
  certificates?: Record<string, z.infer<typeof CertificateSchema>[]>;
  /** Service name → its status; null: the service does not exist. */
  services?: Record<string, string | null>;
}

export interface ContractCase {
  name: string;
  /**
   * `portable`: needs only the registry and Documents files set up, so it runs on a real Windows machine
   * (on a throwaway subtree and folder). `simulated-only`: relies on state or answers (credentials,
   * certificates, network, UAC, an unelevated session...) a CI runner cannot be put into.
   */
  realMachine: 'portable' | 'simulated-only';
  machine: MachineDescriptionInput;
  ops: Op[];
  runOptions: { mode: 'read' | 'write'; elevated?: boolean };
  expectedResults: ExpectedResult[];
  expectedMachineAfter?: ExpectedMachineAfter;
}

/** A result as the table compares it: errors by code only, the wording is each interpreter's own. */
export function comparableResult(result: OpResult): ExpectedResult {
  return result.ok ? result : { ok: false, error: { code: result.error.code } };
}

const ok = (value: unknown): ExpectedResult => ({ ok: true, value });
const done = ok(null);
const err = (code: OpErrorCode): ExpectedResult => ({ ok: false, error: { code } });
const absent = ok({ exists: false });

const TSC = 'HKCU\\Software\\Microsoft\\Terminal Server Client';
const POLICY_ROOT = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services';
const POLICY = `${POLICY_ROOT}\\Client`;
const DOCS = 'C:\\Users\\alice\\Documents';

const dword = (data: number): RegistryValue => ({ type: 'REG_DWORD', data });
const sz = (data: string): RegistryValue => ({ type: 'REG_SZ', data });
const key = (
  values: Record<string, RegistryValue>,
  subkeys: Record<string, RegistryKeyTree> = {},
): RegistryKeyTree => ({ values, subkeys });

const utf16 = (text: string): string =>
  Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]).toString('base64');
const utf8 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

function machine(parts: Omit<MachineDescriptionInput, 'schemaVersion' | 'os'> = {}): MachineDescriptionInput {
  return {
    schemaVersion: 1,
    os: {
      build: '10.0.22631',
      edition: 'Professional',
      elevated: false,
      user: 'alice',
      documentsFolder: DOCS,
      powershellVersion: '5.1.22621.4391',
    },
    ...parts,
  };
}

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

const RDP_TEXT = 'screen mode id:i:2\r\nfull address:s:server01.contoso.com\r\n';
const WITH_RDP_FILES = machine({
  files: {
    [`${DOCS}\\Default.rdp`]: { content: RDP_TEXT, encoding: 'utf-16le', attributes: ['Hidden'] },
    [`${DOCS}\\notes.rdp`]: { content: 'full address:s:häuser\r\n', encoding: 'utf-8', attributes: [] },
  },
});

const CERT_OLD = {
  thumbprint: '3F2A9C1D5E7B8A0F1C2D3E4F5A6B7C8D9E0F1A2B',
  subject: 'CN=PC01',
  notAfter: '2025-01-01T00:00:00Z',
  privateKey: 'readable' as const,
  serviceCanReadKey: true,
};
const CERT_NEW = {
  thumbprint: '0123456789ABCDEF0123456789ABCDEF01234567',
  subject: 'CN=PC01',
  notAfter: '2027-01-01T00:00:00Z',
  privateKey: 'readable' as const,
  serviceCanReadKey: true,
};
const CERT_MY = {
  thumbprint: 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
  subject: 'CN=web',
  notAfter: '2027-06-01T00:00:00Z',
  privateKey: 'readable' as const,
  serviceCanReadKey: true,
};
const CERT_KEYLESS = {
  thumbprint: 'BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB',
  subject: 'CN=imported-without-key',
  notAfter: '2027-06-01T00:00:00Z',
  privateKey: 'none' as const,
  serviceCanReadKey: true,
};
/** A certificate as an unelevated listing sees it: whether it has a key, nothing about the key itself. */
const unelevated = (c: typeof CERT_OLD) => ({
  ...c,
  privateKey: 'unknown' as const,
  serviceCanReadKey: null,
});
// SessionEnv, which makes a new Remote Desktop certificate, is there: without it no certificate is removed.
const WITH_CERTS = machine({
  certificates: { 'LocalMachine\\Remote Desktop': [CERT_OLD, CERT_NEW], 'LocalMachine\\My': [CERT_MY] },
  services: { SessionEnv: { status: 'Running' } },
});

const CRED_SERVER01 = {
  target: 'TERMSRV/server01.contoso.com',
  type: 'DomainPassword' as const,
  user: 'CONTOSO\\alice',
};
const CRED_LOWER = { target: 'termsrv/10.1.2.3', type: 'Generic' as const, user: 'admin' };
const WITH_CREDS = machine({
  credentials: [
    CRED_SERVER01,
    CRED_LOWER,
    { target: 'MicrosoftAccount:user=alice@example.com', type: 'Generic', user: 'alice@example.com' },
  ],
});

const WITH_SERVICES = machine({
  services: { TermService: { status: 'Running' }, UmRdpService: { status: 'Stopped' } },
});

const WITH_NETWORK = machine({
  network: {
    hosts: {
      'server01.contoso.com': {
        addresses: ['10.1.2.3', '10.1.2.4'],
        openTcpPorts: [3389],
        filteredTcpPorts: [3390],
      },
      'gateway.contoso.com': { addresses: [] },
    },
    adapters: [
      { name: 'Ethernet', description: 'Intel(R) Ethernet Connection', status: 'Up' },
      { name: 'Work VPN', description: 'Work VPN', status: 'Disconnected', kind: 'vpn-profile' },
    ],
  },
  securityProducts: [{ name: 'Bitdefender Antivirus', kind: 'antivirus', state: 'on' }],
});

const SCHANNEL = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols';
const FIPS = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\FipsAlgorithmPolicy';
const CIPHERS = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002';
const CREDSSP = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters';

const RDP_CHANNEL = 'Microsoft-Windows-TerminalServices-RDPClient/Operational';
/** Where Windows writes the server role's events (host mode). */
const SERVER_CHANNELS = [
  'Microsoft-Windows-TerminalServices-RemoteConnectionManager/Admin',
  'Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational',
  'Microsoft-Windows-TerminalServices-LocalSessionManager/Operational',
  'Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational',
] as const;
const EVENTS = machine({
  events: [
    {
      channel: RDP_CHANNEL,
      id: 1026,
      time: '2026-11-20T10:00:00Z',
      level: 'Information',
      provider: 'Microsoft-Windows-TerminalServices-ClientActiveXCore',
      data: { reason: 2308 },
    },
    {
      channel: RDP_CHANNEL,
      id: 1024,
      time: '2026-11-20T09:59:00Z',
      level: 'Information',
      provider: 'Microsoft-Windows-TerminalServices-ClientActiveXCore',
    },
    {
      channel: RDP_CHANNEL,
      id: 1026,
      time: '2026-11-21T08:00:00Z',
      level: 'Information',
      provider: 'Microsoft-Windows-TerminalServices-ClientActiveXCore',
      data: { reason: 264 },
    },
    {
      channel: RDP_CHANNEL,
      id: 1026,
      time: '2026-10-01T08:00:00Z',
      level: 'Information',
      provider: 'Microsoft-Windows-TerminalServices-ClientActiveXCore',
      data: { reason: 2308 },
    },
    {
      channel: 'System',
      id: 7036,
      time: '2026-11-21T07:00:00Z',
      level: 'Error',
      provider: 'Service Control Manager',
      message: 'stopped',
    },
  ],
});

/** An op that breaks the vocabulary's rules on purpose, to check the interpreter refuses it. */
function invalidOp(raw: Record<string, unknown>): Op {
  return raw as Op;
}

export const CONTRACT_CASES: readonly ContractCase[] = [
  // ---- registry ----
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
  // ---- the shared allow-list (shared/machine-allow-list.json): both interpreters refuse the same ops ----
  {
    name: 'registry paths outside the allow-list are refused, whatever the op',
    realMachine: 'portable',
    machine: machine(),
    ops: [
      { op: 'registry.readKey', path: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT' },
      {
        op: 'registry.readValue',
        path: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal ServicesX',
        name: 'a',
      },
      {
        op: 'registry.setValue',
        path: 'HKCU\\Software\\Microsoft\\Windows\\CurrentVersion\\Run',
        name: 'x',
        value: sz('calc.exe'),
      },
      { op: 'registry.deleteKey', path: 'HKLM\\SYSTEM\\CurrentControlSet\\Services' },
      { op: 'registry.deleteEmptyKey', path: 'HKCU\\Software\\Microsoft' },
      { op: 'registry.readKey', path: `${TSC}\\..\\..\\Windows` },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [
      err('invalid-argument'),
      err('invalid-argument'),
      err('invalid-argument'),
      err('invalid-argument'),
      err('invalid-argument'),
      err('invalid-argument'),
    ],
  },
  {
    name: 'a read-only root (the Terminal Server key) may be read, and never written, even elevated',
    realMachine: 'portable',
    machine: machine(),
    ops: [
      {
        op: 'registry.setValue',
        path: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server',
        name: 'fDenyTSConnections',
        value: dword(0),
      },
      {
        op: 'registry.deleteKey',
        path: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp',
      },
      {
        op: 'registry.deleteValue',
        path: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server',
        name: 'fDenyTSConnections',
      },
      {
        op: 'registry.writeKey',
        path: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server',
        tree: key({}),
      },
      { op: 'registry.deleteEmptyKey', path: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\X' },
    ],
    runOptions: { mode: 'read', elevated: true },
    expectedResults: Array.from({ length: 5 }, () => err('invalid-argument')),
  },
  {
    name: 'the read-only Terminal Server key reads like any other',
    // Setting the case up on a real machine would need a write the allow-list refuses.
    realMachine: 'simulated-only',
    machine: machine({
      registry: {
        'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server': { fDenyTSConnections: dword(0) },
      },
    }),
    ops: [
      {
        op: 'registry.readValue',
        path: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server',
        name: 'fDenyTSConnections',
      },
      {
        op: 'registry.readValue',
        path: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp',
        name: 'SSLCertificateSHA1Hash',
      },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [ok({ exists: true, value: dword(0) }), absent],
  },
  {
    name: 'host mode reads the Group Policy fDenyTSConnections, set or not set',
    realMachine: 'portable',
    machine: machine({ registry: { [POLICY_ROOT]: { fDenyTSConnections: dword(1) } } }),
    ops: [
      { op: 'registry.readValue', path: POLICY_ROOT, name: 'fDenyTSConnections' },
      { op: 'registry.readValue', path: POLICY_ROOT, name: 'fSingleSessionPerUser' },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [ok({ exists: true, value: dword(1) }), absent],
  },
  {
    name: 'host mode reads whether the RDP-Tcp listener is turned off (fEnableWinStation)',
    // Under the read-only Terminal Server key, as the case above: set up under Wine, not on a Windows runner.
    realMachine: 'simulated-only',
    machine: machine({
      registry: {
        'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp': {
          fEnableWinStation: dword(0),
        },
      },
    }),
    ops: [
      {
        op: 'registry.readValue',
        path: 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server\\WinStations\\RDP-Tcp',
        name: 'fEnableWinStation',
      },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [ok({ exists: true, value: dword(0) })],
  },
  {
    name: 'the elevated batch never names user keys, Documents files, saved passwords or mstsc',
    realMachine: 'portable',
    machine: machine(),
    ops: [
      { op: 'registry.readKey', path: `${TSC}\\Servers` },
      { op: 'registry.setValue', path: `${TSC}\\Default`, name: 'MRU0', value: sz('x') },
      { op: 'file.read', folder: 'documents', name: 'Default.rdp' },
      { op: 'file.delete', folder: 'documents', name: 'Default.rdp' },
      { op: 'credential.list', targetPrefix: 'TERMSRV/' },
      { op: 'credential.delete', target: 'TERMSRV/server01', type: 'Generic' },
      { op: 'app.launchMstsc', host: 'server01' },
    ],
    runOptions: { mode: 'read', elevated: true },
    expectedResults: Array.from({ length: 7 }, () => err('invalid-argument')),
  },
  {
    name: 'an event query the event log would refuse (more than 19 XPath terms) is refused before it runs',
    realMachine: 'portable',
    machine: machine(),
    ops: [
      {
        op: 'events.query',
        channel: 'System',
        ids: Array.from({ length: 16 }, (_, i) => 1000 + i),
        providers: ['Schannel', 'TermDD', 'Tcpip'],
        levels: ['Information'],
        since: '2026-01-01T00:00:00Z',
        max: 10,
      },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [err('invalid-argument')],
  },
  {
    name: 'file names Windows would read as another file are refused',
    realMachine: 'portable',
    machine: machine(),
    ops: [
      { op: 'file.read', folder: 'documents', name: 'CON.rdp' },
      { op: 'file.read', folder: 'documents', name: 'Default.rdp.' },
      { op: 'file.read', folder: 'documents', name: 'Default.rdp ' },
      { op: 'file.read', folder: 'documents', name: 'tab\there.rdp' },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [
      err('invalid-argument'),
      err('invalid-argument'),
      err('invalid-argument'),
      err('invalid-argument'),
    ],
  },
  {
    name: 'UAC declined: every op of the elevated batch is permission-not-granted and nothing changes',
    realMachine: 'simulated-only',
    machine: machine({
      registry: { [POLICY]: { fClientDisableUDP: dword(0) } },
      simulation: { uacAnswer: 'no' },
    }),
    ops: [
      { op: 'registry.setValue', path: POLICY, name: 'fClientDisableUDP', value: dword(1) },
      { op: 'registry.setValue', path: `${TSC}\\Default`, name: 'MRU0', value: sz('a') },
    ],
    runOptions: { mode: 'write', elevated: true },
    expectedResults: [err('permission-not-granted'), err('permission-not-granted')],
    expectedMachineAfter: {
      registry: { [POLICY]: key({ fClientDisableUDP: dword(0) }), [`${TSC}\\Default`]: null },
    },
  },
  // ---- files ----
  {
    name: 'file.read of a hidden UTF-16 LE file: exact bytes with the BOM, name case-insensitive',
    realMachine: 'portable',
    machine: WITH_RDP_FILES,
    ops: [
      { op: 'file.read', folder: 'documents', name: 'default.RDP' },
      { op: 'file.read', folder: 'documents', name: 'notes.rdp' },
      { op: 'file.read', folder: 'documents', name: 'missing.rdp' },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [
      ok({ exists: true, contentBase64: utf16(RDP_TEXT), attributes: ['Hidden'] }),
      ok({ exists: true, contentBase64: utf8('full address:s:häuser\r\n'), attributes: [] }),
      absent,
    ],
  },
  {
    name: 'file.write creates or replaces a file with exactly these bytes and attributes, hidden or not',
    realMachine: 'portable',
    machine: WITH_RDP_FILES,
    ops: [
      {
        op: 'file.write',
        folder: 'documents',
        name: 'Default.rdp',
        contentBase64: utf16('x\r\n'),
        attributes: [],
      },
      {
        op: 'file.write',
        folder: 'documents',
        name: 'restored.rdp',
        contentBase64: utf16(RDP_TEXT),
        attributes: ['Archive', 'Hidden'],
      },
      {
        op: 'file.write',
        folder: 'documents',
        name: 'restored.rdp',
        contentBase64: utf16(RDP_TEXT),
        attributes: ['Archive', 'Hidden'],
      },
    ],
    runOptions: { mode: 'write' },
    expectedResults: [done, done, done],
    expectedMachineAfter: {
      files: {
        'Default.rdp': { contentBase64: utf16('x\r\n'), attributes: [] },
        'restored.rdp': { contentBase64: utf16(RDP_TEXT), attributes: ['Hidden', 'Archive'] },
      },
    },
  },
  {
    name: 'file.delete removes a hidden file; deleting it again succeeds',
    realMachine: 'portable',
    machine: WITH_RDP_FILES,
    ops: [
      { op: 'file.delete', folder: 'documents', name: 'DEFAULT.rdp' },
      { op: 'file.delete', folder: 'documents', name: 'Default.rdp' },
    ],
    runOptions: { mode: 'write' },
    expectedResults: [done, done],
    expectedMachineAfter: {
      files: {
        'Default.rdp': null,
        'notes.rdp': { contentBase64: utf8('full address:s:häuser\r\n'), attributes: [] },
      },
    },
  },
  {
    name: 'file.setAttributes sets exactly the given attributes; a missing file is not-found',
    realMachine: 'portable',
    machine: WITH_RDP_FILES,
    ops: [
      {
        op: 'file.setAttributes',
        folder: 'documents',
        name: 'notes.rdp',
        attributes: ['ReadOnly', 'Hidden'],
      },
      { op: 'file.setAttributes', folder: 'documents', name: 'Default.rdp', attributes: [] },
      { op: 'file.setAttributes', folder: 'documents', name: 'missing.rdp', attributes: ['Hidden'] },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [done, done, err('not-found')],
    expectedMachineAfter: {
      files: {
        'notes.rdp': { contentBase64: utf8('full address:s:häuser\r\n'), attributes: ['ReadOnly', 'Hidden'] },
        'Default.rdp': { contentBase64: utf16(RDP_TEXT), attributes: [] },
        'missing.rdp': null,
      },
    },
  },
  {
    name: 'plain and read-only files: exact bytes written, read, replaced and deleted, twice is fine',
    realMachine: 'portable',
    machine: machine({
      files: {
        [`${DOCS}\\notes.rdp`]: { content: 'full address:s:häuser\r\n', encoding: 'utf-8', attributes: [] },
      },
    }),
    ops: [
      { op: 'file.read', folder: 'documents', name: 'notes.rdp' },
      {
        op: 'file.write',
        folder: 'documents',
        name: 'Default.rdp',
        contentBase64: utf16(RDP_TEXT),
        attributes: ['ReadOnly'],
      },
      {
        op: 'file.write',
        folder: 'documents',
        name: 'Default.rdp',
        contentBase64: utf8('x'),
        attributes: ['ReadOnly'],
      },
      { op: 'file.setAttributes', folder: 'documents', name: 'notes.rdp', attributes: ['ReadOnly'] },
      { op: 'file.delete', folder: 'documents', name: 'gone.rdp' },
      { op: 'file.read', folder: 'documents', name: 'gone.rdp' },
    ],
    runOptions: { mode: 'write' },
    expectedResults: [
      ok({ exists: true, contentBase64: utf8('full address:s:häuser\r\n'), attributes: [] }),
      done,
      done,
      done,
      done,
      absent,
    ],
    expectedMachineAfter: {
      files: {
        'Default.rdp': { contentBase64: utf8('x'), attributes: ['ReadOnly'] },
        'notes.rdp': { contentBase64: utf8('full address:s:häuser\r\n'), attributes: ['ReadOnly'] },
        'gone.rdp': null,
      },
    },
  },
  {
    name: 'write mode stops at the first failure with files too: nothing after it is written',
    realMachine: 'portable',
    machine: machine(),
    ops: [
      { op: 'file.write', folder: 'documents', name: 'a.rdp', contentBase64: utf8('a'), attributes: [] },
      { op: 'file.setAttributes', folder: 'documents', name: 'missing.rdp', attributes: [] },
      { op: 'file.write', folder: 'documents', name: 'b.rdp', contentBase64: utf8('b'), attributes: [] },
    ],
    runOptions: { mode: 'write' },
    expectedResults: [done, err('not-found'), err('skipped')],
    expectedMachineAfter: {
      files: { 'a.rdp': { contentBase64: utf8('a'), attributes: [] }, 'b.rdp': null },
    },
  },
  {
    name: 'credential.read backs up a generic password (protected), credential.write puts it back exactly',
    realMachine: 'simulated-only',
    machine: machine({
      credentials: [
        { target: 'TERMSRV/server01.contoso.com', type: 'Generic', user: 'alice', secret: 'p4ss' },
      ],
    }),
    ops: [
      { op: 'credential.read', target: 'TERMSRV/SERVER01.contoso.com', type: 'Generic' },
      { op: 'credential.read', target: 'TERMSRV/pc07', type: 'Generic' },
      { op: 'credential.delete', target: 'TERMSRV/server01.contoso.com', type: 'Generic' },
      {
        op: 'credential.write',
        target: 'TERMSRV/server01.contoso.com',
        type: 'Generic',
        user: 'alice',
        persist: 2,
        protectedSecretBase64: Buffer.from('rdp-repair-simulated-dpapi:{"secret":"p4ss"}').toString('base64'),
      },
      { op: 'credential.list', targetPrefix: 'TERMSRV/' },
    ],
    runOptions: { mode: 'write' },
    expectedResults: [
      ok({
        exists: true,
        user: 'alice',
        persist: 2,
        protectedSecretBase64: Buffer.from('rdp-repair-simulated-dpapi:{"secret":"p4ss"}').toString('base64'),
      }),
      absent,
      done,
      done,
      ok([{ target: 'TERMSRV/server01.contoso.com', type: 'Generic', user: 'alice' }]),
    ],
  },
  {
    name: 'credential.write refuses a backup not protected for this user, and wildcard or foreign targets',
    realMachine: 'portable',
    machine: machine(),
    ops: [
      { op: 'credential.read', target: 'TERMSRV/*', type: 'Generic' },
      { op: 'credential.read', target: 'MicrosoftAccount:user=a', type: 'Generic' },
      {
        op: 'credential.write',
        target: 'TERMSRV/*',
        type: 'Generic',
        user: 'a',
        persist: 2,
        protectedSecretBase64: 'AAAA',
      },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [err('invalid-argument'), err('invalid-argument'), err('invalid-argument')],
  },
  // ---- credentials and certificates ----
  {
    name: 'credential.list returns only TERMSRV/ targets, whatever their case',
    realMachine: 'simulated-only',
    machine: WITH_CREDS,
    ops: [{ op: 'credential.list', targetPrefix: 'TERMSRV/' }],
    runOptions: { mode: 'read' },
    expectedResults: [ok([CRED_SERVER01, CRED_LOWER])],
  },
  {
    name: 'credential.delete matches the target case-insensitively and is idempotent',
    realMachine: 'simulated-only',
    machine: WITH_CREDS,
    ops: [
      { op: 'credential.delete', target: 'TERMSRV/SERVER01.contoso.com', type: 'DomainPassword' },
      { op: 'credential.delete', target: 'TERMSRV/server01.contoso.com', type: 'DomainPassword' },
      { op: 'credential.delete', target: 'TERMSRV/10.1.2.3', type: 'DomainPassword' },
    ],
    runOptions: { mode: 'write' },
    expectedResults: [done, done, done],
    expectedMachineAfter: { credentials: [CRED_LOWER] },
  },
  {
    name: 'certificate.list lists one store; a store with nothing in it is empty',
    realMachine: 'simulated-only',
    machine: machine({ certificates: { 'LocalMachine\\Remote Desktop': [CERT_OLD] } }),
    ops: [
      { op: 'certificate.list', store: 'LocalMachine\\Remote Desktop' },
      { op: 'certificate.list', store: 'LocalMachine\\My' },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [ok([unelevated(CERT_OLD)]), ok([])],
  },
  {
    name: 'certificate.list tells an administrator whether each private key opens and the service may read it',
    realMachine: 'simulated-only',
    machine: {
      ...machine({
        certificates: {
          'LocalMachine\\Remote Desktop': [
            CERT_NEW,
            { ...CERT_OLD, privateKey: 'unreadable' },
            { ...CERT_MY, serviceCanReadKey: false },
            { ...CERT_KEYLESS },
          ],
        },
      }),
      os: { ...machine().os, elevated: true },
    },
    ops: [{ op: 'certificate.list', store: 'LocalMachine\\Remote Desktop' }],
    runOptions: { mode: 'read' },
    expectedResults: [
      ok([
        CERT_NEW,
        { ...CERT_OLD, privateKey: 'unreadable', serviceCanReadKey: null },
        { ...CERT_MY, serviceCanReadKey: false },
        { ...CERT_KEYLESS, serviceCanReadKey: null },
      ]),
    ],
  },
  {
    name: 'certificate.list tells an unelevated process only whether a certificate has a private key',
    realMachine: 'simulated-only',
    machine: machine({
      certificates: { 'LocalMachine\\My': [{ ...CERT_OLD, privateKey: 'unreadable' }, CERT_KEYLESS] },
    }),
    ops: [{ op: 'certificate.list', store: 'LocalMachine\\My' }],
    runOptions: { mode: 'read' },
    expectedResults: [ok([unelevated(CERT_OLD), { ...CERT_KEYLESS, serviceCanReadKey: null }])],
  },
  {
    name: 'certificate.remove takes one certificate out of one store and is idempotent',
    realMachine: 'simulated-only',
    machine: WITH_CERTS,
    ops: [
      { op: 'certificate.remove', store: 'LocalMachine\\Remote Desktop', thumbprint: CERT_OLD.thumbprint },
      { op: 'certificate.remove', store: 'LocalMachine\\Remote Desktop', thumbprint: CERT_OLD.thumbprint },
      { op: 'certificate.remove', store: 'LocalMachine\\Remote Desktop', thumbprint: CERT_MY.thumbprint },
    ],
    runOptions: { mode: 'write', elevated: true },
    expectedResults: [done, done, done],
    expectedMachineAfter: {
      certificates: {
        'LocalMachine\\Remote Desktop': [unelevated(CERT_NEW)],
        'LocalMachine\\My': [unelevated(CERT_MY)],
      },
    },
  },
  {
    name: 'certificate.remove takes only a certificate the listener cannot use, and refuses a usable one',
    realMachine: 'simulated-only',
    machine: machine({
      certificates: {
        'LocalMachine\\Remote Desktop': [
          CERT_OLD,
          CERT_NEW,
          { ...CERT_KEYLESS, notAfter: '2027-06-01T00:00:00Z' },
        ],
      },
      services: { SessionEnv: { status: 'Running' } },
      simulation: { now: '2026-11-21T09:00:00Z' },
    }),
    ops: [
      { op: 'certificate.remove', store: 'LocalMachine\\Remote Desktop', thumbprint: CERT_NEW.thumbprint },
      {
        op: 'certificate.remove',
        store: 'LocalMachine\\Remote Desktop',
        thumbprint: CERT_KEYLESS.thumbprint,
      },
      { op: 'certificate.remove', store: 'LocalMachine\\Remote Desktop', thumbprint: CERT_OLD.thumbprint },
    ],
    runOptions: { mode: 'read', elevated: true },
    expectedResults: [err('invalid-argument'), done, done],
    expectedMachineAfter: { certificates: { 'LocalMachine\\Remote Desktop': [unelevated(CERT_NEW)] } },
  },
  {
    name: 'a certificate store that cannot be opened is an op error, never an empty store',
    realMachine: 'simulated-only',
    machine: machine({
      certificates: { 'LocalMachine\\Remote Desktop': [CERT_OLD] },
      certificateStoreErrors: {
        'LocalMachine\\Remote Desktop': 'access-denied',
        'LocalMachine\\My': 'failed',
      },
      services: { SessionEnv: { status: 'Running' } },
    }),
    ops: [
      { op: 'certificate.list', store: 'LocalMachine\\Remote Desktop' },
      { op: 'certificate.list', store: 'LocalMachine\\My' },
      { op: 'certificate.remove', store: 'LocalMachine\\Remote Desktop', thumbprint: CERT_OLD.thumbprint },
    ],
    runOptions: { mode: 'read', elevated: true },
    expectedResults: [err('access-denied'), err('failed'), err('access-denied')],
  },
  {
    name: 'a private key an administrator could not check is unknown, with why, and is not removable',
    realMachine: 'simulated-only',
    machine: {
      ...machine({
        certificates: { 'LocalMachine\\Remote Desktop': [{ ...CERT_NEW, privateKey: 'unavailable' }] },
        services: { SessionEnv: { status: 'Running' } },
        simulation: { now: '2026-11-21T09:00:00Z' },
      }),
      os: { ...machine().os, elevated: true },
    },
    ops: [
      { op: 'certificate.list', store: 'LocalMachine\\Remote Desktop' },
      { op: 'certificate.remove', store: 'LocalMachine\\Remote Desktop', thumbprint: CERT_NEW.thumbprint },
    ],
    runOptions: { mode: 'read', elevated: true },
    expectedResults: [
      ok([
        {
          ...CERT_NEW,
          privateKey: 'unknown',
          serviceCanReadKey: null,
          privateKeyError: 'The requested key storage provider is not available. (0x8009001E)',
        },
      ]),
      err('invalid-argument'),
    ],
  },
  {
    name: 'certificate.remove removes nothing when SessionEnv, which makes the replacement, is not installed',
    realMachine: 'simulated-only',
    machine: machine({ certificates: { 'LocalMachine\\Remote Desktop': [CERT_OLD] } }),
    ops: [
      { op: 'certificate.remove', store: 'LocalMachine\\Remote Desktop', thumbprint: CERT_OLD.thumbprint },
    ],
    runOptions: { mode: 'write', elevated: true },
    expectedResults: [err('failed')],
    expectedMachineAfter: { certificates: { 'LocalMachine\\Remote Desktop': [unelevated(CERT_OLD)] } },
  },
  {
    name: 'machine-scope writes outside the elevated batch are refused',
    realMachine: 'simulated-only',
    machine: WITH_CERTS,
    ops: [
      { op: 'certificate.remove', store: 'LocalMachine\\Remote Desktop', thumbprint: CERT_OLD.thumbprint },
      { op: 'service.restart', name: 'TermService' },
      { op: 'policy.refresh' },
      { op: 'system.restorePoint', description: 'RDP Repair' },
      { op: 'registry.deleteKey', path: POLICY },
    ],
    runOptions: { mode: 'read' },
    expectedResults: Array.from({ length: 5 }, () => err('invalid-argument')),
    expectedMachineAfter: {
      certificates: { 'LocalMachine\\Remote Desktop': [unelevated(CERT_OLD), unelevated(CERT_NEW)] },
    },
  },
  {
    name: 'the elevated batch changes only what the machine-wide templates need, even inside the allow-list',
    realMachine: 'portable',
    machine: machine(),
    ops: [
      { op: 'registry.setValue', path: POLICY_ROOT, name: 'fDenyTSConnections', value: dword(0) },
      { op: 'registry.setValue', path: POLICY, name: 'Shadow', value: dword(2) },
      { op: 'registry.deleteValue', path: POLICY, name: 'fAllowUnsolicited' },
      { op: 'registry.deleteKey', path: POLICY_ROOT },
      { op: 'registry.writeKey', path: POLICY, tree: { values: {}, subkeys: {} } },
      { op: 'registry.deleteEmptyKey', path: `${POLICY}\\Sub` },
      { op: 'certificate.remove', store: 'LocalMachine\\My', thumbprint: CERT_MY.thumbprint },
      { op: 'service.restart', name: 'TermService' },
      { op: 'service.restart', name: 'UmRdpService' },
    ],
    runOptions: { mode: 'read', elevated: true },
    expectedResults: Array.from({ length: 9 }, () => err('invalid-argument')),
  },
  {
    name: 'a guarded value goes, from the elevated batch, only to the fix, back to exactly what it was, or stays',
    realMachine: 'portable',
    machine: machine({ registry: { [POLICY]: { fClientDisableUDP: dword(0) } } }),
    ops: [
      // No record yet: only the fix (REG_DWORD 1) or no change.
      { op: 'registry.setValue', path: POLICY, name: 'fClientDisableUDP', value: dword(7) },
      { op: 'registry.deleteValue', path: POLICY, name: 'fClientDisableUDP' },
      { op: 'registry.setValue', path: POLICY, name: 'fClientDisableUDP', value: dword(0) },
      // The fix records 0, the value before.
      { op: 'registry.setValue', path: POLICY, name: 'FCLIENTDISABLEUDP', value: dword(1) },
      { op: 'registry.setValue', path: POLICY, name: 'fClientDisableUDP', value: dword(7) },
      { op: 'registry.deleteValue', path: POLICY, name: 'fClientDisableUDP' },
      { op: 'registry.setValue', path: POLICY, name: 'fClientDisableUDP', value: sz('0') },
      // Exactly the value before: allowed, and the record goes.
      { op: 'registry.setValue', path: POLICY, name: 'fClientDisableUDP', value: dword(0) },
      { op: 'registry.deleteValue', path: POLICY, name: 'fClientDisableUDP' },
    ],
    runOptions: { mode: 'read', elevated: true },
    expectedResults: [
      err('invalid-argument'),
      err('invalid-argument'),
      done,
      done,
      err('invalid-argument'),
      err('invalid-argument'),
      err('invalid-argument'),
      done,
      err('invalid-argument'),
    ],
    expectedMachineAfter: { registry: { [POLICY]: key({ fClientDisableUDP: dword(0) }) } },
  },
  {
    name: 'the UDP fix and its undo from a machine without the policy: the value and the keys it made go',
    realMachine: 'portable',
    machine: machine(),
    ops: [
      { op: 'registry.setValue', path: POLICY, name: 'fClientDisableUDP', value: dword(1) },
      { op: 'registry.deleteValue', path: POLICY, name: 'fClientDisableUDP' },
      { op: 'registry.deleteEmptyKey', path: POLICY },
      { op: 'registry.deleteEmptyKey', path: POLICY_ROOT },
      { op: 'registry.deleteValue', path: POLICY, name: 'fClientDisableUDP' },
    ],
    runOptions: { mode: 'write', elevated: true },
    expectedResults: [done, done, done, done, done],
    expectedMachineAfter: { registry: { [POLICY_ROOT]: null } },
  },
  // ---- this PC's TLS side (issue 24): read-only roots, and the two guarded SCHANNEL client keys ----
  {
    name: "this PC's SCHANNEL client, FIPS, cipher-suite and CredSSP settings are read, and never written unelevated",
    realMachine: 'portable',
    machine: machine({
      registry: {
        [`${SCHANNEL}\\TLS 1.2\\Client`]: { Enabled: dword(0), DisabledByDefault: dword(1) },
        [`${SCHANNEL}\\TLS 1.0\\Client`]: { Enabled: dword(1) },
        [FIPS]: { Enabled: dword(1) },
        [CIPHERS]: { Functions: sz('TLS_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384') },
        [CREDSSP]: { AllowEncryptionOracle: dword(0) },
      },
    }),
    ops: [
      { op: 'registry.readKey', path: SCHANNEL },
      { op: 'registry.readValue', path: FIPS, name: 'Enabled' },
      { op: 'registry.readValue', path: CIPHERS, name: 'Functions' },
      { op: 'registry.readValue', path: CREDSSP, name: 'AllowEncryptionOracle' },
      { op: 'registry.setValue', path: FIPS, name: 'Enabled', value: dword(0) },
      { op: 'registry.setValue', path: `${SCHANNEL}\\TLS 1.2\\Client`, name: 'Enabled', value: dword(1) },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [
      ok({
        exists: true,
        tree: key(
          {},
          {
            'TLS 1.0': key({}, { Client: key({ Enabled: dword(1) }) }),
            'TLS 1.2': key({}, { Client: key({ Enabled: dword(0), DisabledByDefault: dword(1) }) }),
          },
        ),
      }),
      ok({ exists: true, value: dword(1) }),
      ok({ exists: true, value: sz('TLS_AES_256_GCM_SHA384,TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384') }),
      ok({ exists: true, value: dword(0) }),
      err('invalid-argument'),
      err('invalid-argument'),
    ],
    expectedMachineAfter: {
      registry: { [`${SCHANNEL}\\TLS 1.2\\Client`]: key({ Enabled: dword(0), DisabledByDefault: dword(1) }) },
    },
  },
  {
    name: "the TLS fix from the elevated batch: only TLS 1.2/1.3 Client to Windows' default, and back to exactly what was there",
    realMachine: 'portable',
    machine: machine({
      registry: {
        [`${SCHANNEL}\\TLS 1.2\\Client`]: { Enabled: dword(0) },
        [`${SCHANNEL}\\TLS 1.0\\Client`]: { Enabled: dword(0) },
        [FIPS]: { Enabled: dword(1) },
      },
    }),
    ops: [
      // TLS 1.0 is never a fix; the server side, FIPS and another value of the key are not the fix's.
      { op: 'registry.setValue', path: `${SCHANNEL}\\TLS 1.0\\Client`, name: 'Enabled', value: dword(1) },
      { op: 'registry.setValue', path: `${SCHANNEL}\\TLS 1.2\\Server`, name: 'Enabled', value: dword(1) },
      { op: 'registry.setValue', path: FIPS, name: 'Enabled', value: dword(0) },
      { op: 'registry.setValue', path: `${SCHANNEL}\\TLS 1.2\\Client`, name: 'Other', value: dword(1) },
      // Only Windows' default (Enabled 1), which records 0; then only back to 0.
      { op: 'registry.setValue', path: `${SCHANNEL}\\TLS 1.2\\Client`, name: 'Enabled', value: dword(7) },
      { op: 'registry.setValue', path: `${SCHANNEL}\\TLS 1.2\\Client`, name: 'Enabled', value: dword(1) },
      { op: 'registry.readValue', path: `${SCHANNEL}\\TLS 1.2\\Client`, name: 'Enabled' },
      { op: 'registry.deleteValue', path: `${SCHANNEL}\\TLS 1.2\\Client`, name: 'Enabled' },
      { op: 'registry.setValue', path: `${SCHANNEL}\\TLS 1.2\\Client`, name: 'Enabled', value: dword(0) },
    ],
    runOptions: { mode: 'read', elevated: true },
    expectedResults: [
      err('invalid-argument'),
      err('invalid-argument'),
      err('invalid-argument'),
      err('invalid-argument'),
      err('invalid-argument'),
      done,
      ok({ exists: true, value: dword(1) }),
      err('invalid-argument'),
      done,
    ],
    expectedMachineAfter: {
      registry: {
        [`${SCHANNEL}\\TLS 1.2\\Client`]: key({ Enabled: dword(0) }),
        [`${SCHANNEL}\\TLS 1.0\\Client`]: key({ Enabled: dword(0) }),
        [`${SCHANNEL}\\TLS 1.2\\Server`]: null,
        [FIPS]: key({ Enabled: dword(1) }),
      },
    },
  },
  // ---- services ----
  {
    name: 'service.status and service.restart; restarting a service that does not exist is not-found',
    realMachine: 'simulated-only',
    machine: WITH_SERVICES,
    ops: [
      { op: 'service.status', name: 'TermService' },
      { op: 'service.status', name: 'SessionEnv' },
      { op: 'service.restart', name: 'SessionEnv' },
    ],
    runOptions: { mode: 'read', elevated: true },
    expectedResults: [ok({ exists: true, status: 'Running' }), absent, err('not-found')],
    expectedMachineAfter: { services: { UmRdpService: 'Stopped', TermService: 'Running', SessionEnv: null } },
  },
  {
    name: 'service.restart of a stopped SessionEnv leaves it running',
    realMachine: 'simulated-only',
    machine: machine({ services: { SessionEnv: { status: 'Stopped' } } }),
    ops: [{ op: 'service.restart', name: 'SessionEnv' }],
    runOptions: { mode: 'write', elevated: true },
    expectedResults: [done],
    expectedMachineAfter: { services: { SessionEnv: 'Running' } },
  },
  // ---- network ----
  {
    name: 'net.resolve: described names case-insensitively, IP literals as themselves, unknown names empty',
    realMachine: 'simulated-only',
    machine: WITH_NETWORK,
    ops: [
      { op: 'net.resolve', host: 'SERVER01.contoso.com' },
      { op: 'net.resolve', host: '192.168.1.20' },
      { op: 'net.resolve', host: 'nowhere.contoso.com' },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [
      ok({ addresses: ['10.1.2.3', '10.1.2.4'] }),
      ok({ addresses: ['192.168.1.20'] }),
      ok({ addresses: [] }),
    ],
  },
  {
    name: 'net.probeTcp: open, refused, filtered (timeout) and unresolved',
    realMachine: 'simulated-only',
    machine: WITH_NETWORK,
    ops: [
      { op: 'net.probeTcp', host: 'server01.contoso.com', port: 3389, timeoutMs: 2000 },
      { op: 'net.probeTcp', host: '10.1.2.4', port: 22, timeoutMs: 2000 },
      { op: 'net.probeTcp', host: 'Server01.Contoso.com', port: 3390, timeoutMs: 2000 },
      { op: 'net.probeTcp', host: 'nowhere.contoso.com', port: 3389, timeoutMs: 2000 },
      { op: 'net.probeTcp', host: 'gateway.contoso.com', port: 443, timeoutMs: 2000 },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [
      ok({ open: true, address: '10.1.2.3' }),
      ok({ open: false, address: '10.1.2.4', error: 'refused' }),
      ok({ open: false, address: '10.1.2.3', error: 'timeout' }),
      ok({ open: false, error: 'unresolved' }),
      ok({ open: false, error: 'unresolved' }),
    ],
  },
  {
    name: 'net.adapters lists adapters and VPN profiles; security.products lists the products',
    realMachine: 'simulated-only',
    machine: WITH_NETWORK,
    ops: [{ op: 'net.adapters' }, { op: 'security.products' }],
    runOptions: { mode: 'read' },
    expectedResults: [
      ok([
        { name: 'Ethernet', description: 'Intel(R) Ethernet Connection', status: 'Up', kind: 'adapter' },
        { name: 'Work VPN', description: 'Work VPN', status: 'Disconnected', kind: 'vpn-profile' },
      ]),
      ok([{ name: 'Bitdefender Antivirus', kind: 'antivirus', state: 'on' }]),
    ],
  },
  {
    name: "net.listeners: who listens on the port on this PC (a tunnel, a relay), and this PC's own addresses",
    realMachine: 'simulated-only',
    machine: machine({
      network: {
        localAddresses: ['192.168.1.20'],
        listeners: [
          {
            address: '127.0.0.1',
            port: 3390,
            processId: 4242,
            processName: 'ssh',
            processPath: 'C:\\Windows\\System32\\OpenSSH\\ssh.exe',
          },
          { address: '0.0.0.0', port: 3389, processId: 1100, processName: 'svchost', processPath: null },
        ],
      },
    }),
    ops: [
      { op: 'net.listeners', port: 3390 },
      { op: 'net.listeners', port: 5000 },
      invalidOp({ op: 'net.listeners', port: 0 }),
    ],
    runOptions: { mode: 'read' },
    expectedResults: [
      ok({
        listeners: [
          {
            address: '127.0.0.1',
            port: 3390,
            processId: 4242,
            processName: 'ssh',
            processPath: 'C:\\Windows\\System32\\OpenSSH\\ssh.exe',
          },
        ],
        localAddresses: ['127.0.0.1', '::1', '192.168.1.20'],
      }),
      ok({ listeners: [], localAddresses: ['127.0.0.1', '::1', '192.168.1.20'] }),
      err('invalid-argument'),
    ],
  },
  // ---- events ----
  {
    name: 'events.query filters channel, ids, levels, providers and time, newest first, at most max',
    realMachine: 'simulated-only',
    machine: EVENTS,
    ops: [
      {
        op: 'events.query',
        channel: RDP_CHANNEL,
        ids: [1026],
        levels: ['Information'],
        providers: ['microsoft-windows-terminalservices-clientactivexcore'],
        since: '2026-11-01T00:00:00Z',
        max: 2,
      },
      { op: 'events.query', channel: 'System', levels: ['Warning'], since: '2026-01-01T00:00:00Z', max: 10 },
      { op: 'events.query', channel: RDP_CHANNEL, since: '2026-11-20T09:59:30Z', max: 1 },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [
      ok([
        {
          channel: RDP_CHANNEL,
          id: 1026,
          time: '2026-11-21T08:00:00Z',
          level: 'Information',
          provider: 'Microsoft-Windows-TerminalServices-ClientActiveXCore',
          data: { reason: 264 },
        },
        {
          channel: RDP_CHANNEL,
          id: 1026,
          time: '2026-11-20T10:00:00Z',
          level: 'Information',
          provider: 'Microsoft-Windows-TerminalServices-ClientActiveXCore',
          data: { reason: 2308 },
        },
      ]),
      ok([]),
      ok([
        {
          channel: RDP_CHANNEL,
          id: 1026,
          time: '2026-11-21T08:00:00Z',
          level: 'Information',
          provider: 'Microsoft-Windows-TerminalServices-ClientActiveXCore',
          data: { reason: 264 },
        },
      ]),
    ],
  },
  {
    name: 'events.query reads the server-role channels, each its own',
    realMachine: 'simulated-only',
    machine: machine({
      events: SERVER_CHANNELS.map((channel, i) => ({
        channel,
        id: 261 + i,
        time: '2026-11-20T10:00:00Z',
        level: 'Information' as const,
      })),
    }),
    ops: SERVER_CHANNELS.map((channel) => ({
      op: 'events.query' as const,
      channel,
      since: '2026-11-01T00:00:00Z',
      max: 10,
    })),
    runOptions: { mode: 'read' },
    expectedResults: SERVER_CHANNELS.map((channel, i) =>
      ok([{ channel, id: 261 + i, time: '2026-11-20T10:00:00Z', level: 'Information', data: {} }]),
    ),
  },
  // ---- system ----
  {
    name: 'policy.refresh succeeds elevated',
    realMachine: 'simulated-only',
    machine: machine(),
    ops: [{ op: 'policy.refresh' }],
    runOptions: { mode: 'write', elevated: true },
    expectedResults: [done],
  },
  {
    name: 'app.launchMstsc succeeds unelevated',
    realMachine: 'simulated-only',
    machine: machine(),
    ops: [{ op: 'app.launchMstsc', host: 'server01.contoso.com' }],
    runOptions: { mode: 'write' },
    expectedResults: [done],
  },
  {
    name: 'system.restorePoint is created when Windows allows it',
    realMachine: 'simulated-only',
    machine: machine(),
    ops: [{ op: 'system.restorePoint', description: 'RDP Repair: before fixes' }],
    runOptions: { mode: 'write', elevated: true },
    expectedResults: [ok({ created: true })],
  },
  {
    name: 'system.restorePoint with System Protection off is unsupported and stops the batch',
    realMachine: 'simulated-only',
    machine: machine({ registry: { [POLICY]: {} }, simulation: { restorePoint: 'protection-off' } }),
    ops: [
      { op: 'system.restorePoint', description: 'RDP Repair: before fixes' },
      { op: 'registry.setValue', path: POLICY, name: 'fClientDisableUDP', value: dword(1) },
    ],
    runOptions: { mode: 'write', elevated: true },
    expectedResults: [err('unsupported'), err('skipped')],
    expectedMachineAfter: { registry: { [POLICY]: key({}) } },
  },
  {
    name: 'system.restorePoint refused because one was made in the last 24 hours is failed',
    realMachine: 'simulated-only',
    machine: machine({ simulation: { restorePoint: 'too-recent' } }),
    ops: [{ op: 'system.restorePoint', description: 'RDP Repair: before fixes' }],
    runOptions: { mode: 'write', elevated: true },
    expectedResults: [err('failed')],
  },
  {
    name: 'system.facts describes the session; an elevated batch reports elevated',
    realMachine: 'simulated-only',
    machine: machine(),
    ops: [{ op: 'system.facts' }],
    runOptions: { mode: 'read', elevated: true },
    expectedResults: [
      ok({
        build: '10.0.22631',
        edition: 'Professional',
        elevated: true,
        user: 'alice',
        documentsFolder: DOCS,
        powershellVersion: '5.1.22621.4391',
      }),
    ],
  },
];

/** The read ops that check `expectedMachineAfter`, and what they must answer. Run unelevated, read mode. */
export function machineAfterChecks(expected: ExpectedMachineAfter): {
  ops: Op[];
  expectedResults: ExpectedResult[];
} {
  const ops: Op[] = [];
  const expectedResults: ExpectedResult[] = [];
  for (const [path, tree] of Object.entries(expected.registry ?? {})) {
    ops.push({ op: 'registry.readKey', path });
    expectedResults.push(tree ? ok({ exists: true, tree }) : absent);
  }
  for (const [name, file] of Object.entries(expected.files ?? {})) {
    ops.push({ op: 'file.read', folder: 'documents', name });
    expectedResults.push(file ? ok({ exists: true, ...file }) : absent);
  }
  if (expected.credentials) {
    ops.push({ op: 'credential.list', targetPrefix: 'TERMSRV/' });
    expectedResults.push(ok(expected.credentials));
  }
  for (const [store, certificates] of Object.entries(expected.certificates ?? {})) {
    ops.push({ op: 'certificate.list', store: CertificateStoreSchema.parse(store) });
    expectedResults.push(ok(certificates));
  }
  for (const [name, status] of Object.entries(expected.services ?? {})) {
    ops.push({ op: 'service.status', name: ServiceNameSchema.parse(name) });
    expectedResults.push(status ? ok({ exists: true, status }) : absent);
  }
  return { ops, expectedResults };
}

/** The whole table as JSON, each case with its after-checks spelled out, for the Windows (Pester) runner. */
export function contractCasesAsJson(): string {
  return JSON.stringify(
    {
      schemaVersion: 1,
      note: 'Errors match on error.code only. Check expectedMachineAfter by running machineAfterChecks.ops (read mode, unelevated).',
      cases: CONTRACT_CASES.map((c) => ({
        ...c,
        machineAfterChecks: c.expectedMachineAfter ? machineAfterChecks(c.expectedMachineAfter) : null,
      })),
    },
    null,
    2,
  );
}
