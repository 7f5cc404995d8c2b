import {
  CERT_MY,
  CERT_NEW,
  CERT_OLD,
  done,
  dword,
  err,
  key,
  machine,
  ok,
  POLICY,
  POLICY_ROOT,
  sz,
  unelevated,
  WITH_CERTS,
} from './contract-fixtures.js';
import type { ContractCase } from './contract-types.js';

/*
 * What the elevated batch may change: machine-scope writes only from it, only what the machine-wide
 * templates need, guarded values only to the fix or back; and this PC's TLS side (issue 24): read-only roots,
 * and the two guarded SCHANNEL client keys. Cases across families, not one family's.
 */

const SCHANNEL = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\SecurityProviders\\SCHANNEL\\Protocols';
const FIPS = 'HKLM\\SYSTEM\\CurrentControlSet\\Control\\Lsa\\FipsAlgorithmPolicy';
const CIPHERS = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Cryptography\\Configuration\\SSL\\00010002';
const CREDSSP = 'HKLM\\SOFTWARE\\Microsoft\\Windows\\CurrentVersion\\Policies\\System\\CredSSP\\Parameters';

export const ELEVATED_BATCH_CASES: readonly ContractCase[] = [
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
];
