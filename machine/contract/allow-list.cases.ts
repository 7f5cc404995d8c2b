import { absent, dword, err, key, machine, ok, POLICY, POLICY_ROOT, sz, TSC } from './contract-fixtures.js';
import type { ContractCase } from './contract-types.js';

/*
 * The shared allow-list (shared/machine-allow-list.json): both interpreters refuse the same ops. Cases
 * across families, not one family's.
 */

export const ALLOW_LIST_CASES: readonly ContractCase[] = [
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
];
