import { MACHINE_ALLOW_LIST } from '../../shared/machine-allow-list.js';
import { serviceBeforeName } from '../../shared/values-before.js';
import {
  absent,
  CERT_NEW,
  CERT_OLD,
  done,
  err,
  machine,
  ok,
  sz,
  unelevated,
  WITH_CERTS,
} from './contract-fixtures.js';
import type { ContractCase } from './contract-types.js';

/*
 * The services family's contract cases (Services.ps1): the services Remote Desktop needs as a host, their start
 * types, the guarded service.setState, and the policy refresh. A real service cannot be put in the table's
 * state on a test machine (Wine's service manager has its own), so only the refusals made before Windows is
 * asked are portable.
 */

const WITH_SERVICES = machine({
  services: {
    TermService: { status: 'Running', startType: 'Manual' },
    UmRdpService: { status: 'Stopped', startType: 'Manual' },
  },
});

const RECORDS = MACHINE_ALLOW_LIST.elevatedWrites.valuesBeforeKey;
const DISABLED_STOPPED = '{"startType":"Disabled","running":false}';

export const SERVICES_CASES: readonly ContractCase[] = [
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
    expectedResults: [ok({ exists: true, status: 'Running', startType: 'Manual' }), absent, err('not-found')],
    expectedMachineAfter: {
      services: {
        UmRdpService: { status: 'Stopped', startType: 'Manual' },
        TermService: { status: 'Running', startType: 'Manual' },
        SessionEnv: null,
      },
    },
  },
  {
    name: 'service.status answers each start type; one Windows would not tell is left out, never guessed',
    realMachine: 'simulated-only',
    machine: machine({
      services: {
        KeyIso: { status: 'Stopped', startType: 'Disabled' },
        CryptSvc: { status: 'Running', startType: 'Automatic' },
        CertPropSvc: { status: 'Stopped', startType: 'unreadable' },
      },
    }),
    ops: [
      { op: 'service.status', name: 'KeyIso' },
      { op: 'service.status', name: 'CryptSvc' },
      { op: 'service.status', name: 'CertPropSvc' },
    ],
    runOptions: { mode: 'read' },
    expectedResults: [
      ok({ exists: true, status: 'Stopped', startType: 'Disabled' }),
      ok({ exists: true, status: 'Running', startType: 'Automatic' }),
      ok({ exists: true, status: 'Stopped' }),
    ],
  },
  {
    name: 'service.restart of a stopped SessionEnv leaves it running',
    realMachine: 'simulated-only',
    machine: machine({ services: { SessionEnv: { status: 'Stopped', startType: 'Manual' } } }),
    ops: [{ op: 'service.restart', name: 'SessionEnv' }],
    runOptions: { mode: 'write', elevated: true },
    expectedResults: [done],
    expectedMachineAfter: { services: { SessionEnv: { status: 'Running', startType: 'Manual' } } },
  },
  {
    name: 'service.setState is made only from the elevated batch',
    realMachine: 'portable',
    machine: machine(),
    ops: [{ op: 'service.setState', name: 'SessionEnv', startType: 'Manual', running: true }],
    runOptions: { mode: 'write' },
    expectedResults: [err('invalid-argument')],
  },
  {
    name: 'service.setState starts a disabled service with its Windows start type and records the state before',
    realMachine: 'simulated-only',
    machine: machine({ services: { SessionEnv: { status: 'Stopped', startType: 'Disabled' } } }),
    ops: [
      // Not toward working: refused, nothing recorded yet.
      { op: 'service.setState', name: 'SessionEnv', startType: 'Automatic', running: true },
      { op: 'service.setState', name: 'SessionEnv', startType: 'Manual', running: false },
      // The fix: Windows' own start type (Manual), running.
      { op: 'service.setState', name: 'SessionEnv', startType: 'Manual', running: true },
      // Already so: nothing to do.
      { op: 'service.setState', name: 'SessionEnv', startType: 'Manual', running: true },
      // The undo the record allows: exactly the state before (the record is outside what ops may read).
      { op: 'service.setState', name: 'SessionEnv', startType: 'Disabled', running: false },
    ],
    runOptions: { mode: 'read', elevated: true },
    expectedResults: [err('invalid-argument'), err('invalid-argument'), done, done, done],
    expectedMachineAfter: { services: { SessionEnv: { status: 'Stopped', startType: 'Disabled' } } },
  },
  {
    name: 'service.setState goes back only to exactly the recorded state, and the record goes with its keys',
    realMachine: 'simulated-only',
    machine: machine({
      services: { SessionEnv: { status: 'Running', startType: 'Manual' } },
      registry: { [RECORDS]: { [serviceBeforeName('SessionEnv')]: sz(DISABLED_STOPPED) } },
    }),
    ops: [
      { op: 'service.setState', name: 'SessionEnv', startType: 'Disabled', running: true },
      { op: 'service.setState', name: 'SessionEnv', startType: 'Automatic', running: false },
      { op: 'service.setState', name: 'SessionEnv', startType: 'Disabled', running: false },
    ],
    runOptions: { mode: 'read', elevated: true },
    expectedResults: [err('invalid-argument'), err('invalid-argument'), done],
    expectedMachineAfter: { services: { SessionEnv: { status: 'Stopped', startType: 'Disabled' } } },
  },
  {
    name: 'service.setState keeps a start type that is not Disabled when it starts a stopped service, and stops it again',
    realMachine: 'simulated-only',
    machine: machine({ services: { TermService: { status: 'Stopped', startType: 'Automatic' } } }),
    ops: [
      { op: 'service.setState', name: 'TermService', startType: 'Automatic', running: true },
      { op: 'service.setState', name: 'TermService', startType: 'Automatic', running: false },
    ],
    runOptions: { mode: 'write', elevated: true },
    expectedResults: [done, done],
    expectedMachineAfter: { services: { TermService: { status: 'Stopped', startType: 'Automatic' } } },
  },
  {
    name: 'service.setState of a service that does not exist is not-found; one whose start type is unknown is refused',
    realMachine: 'simulated-only',
    machine: machine({ services: { KeyIso: { status: 'Stopped', startType: 'unreadable' } } }),
    ops: [
      { op: 'service.setState', name: 'CertPropSvc', startType: 'Manual', running: true },
      { op: 'service.setState', name: 'KeyIso', startType: 'Manual', running: true },
    ],
    runOptions: { mode: 'read', elevated: true },
    expectedResults: [err('not-found'), err('invalid-argument')],
  },
  {
    name: 'certificate.remove removes nothing while SessionEnv, which makes the replacement, is disabled',
    realMachine: 'simulated-only',
    machine: machine({
      ...WITH_CERTS,
      services: { SessionEnv: { status: 'Stopped', startType: 'Disabled' } },
    }),
    ops: [
      { op: 'certificate.remove', store: 'LocalMachine\\Remote Desktop', thumbprint: CERT_OLD.thumbprint },
    ],
    runOptions: { mode: 'write', elevated: true },
    expectedResults: [err('failed')],
    expectedMachineAfter: {
      certificates: { 'LocalMachine\\Remote Desktop': [unelevated(CERT_OLD), unelevated(CERT_NEW)] },
    },
  },
  {
    name: 'policy.refresh succeeds elevated',
    realMachine: 'simulated-only',
    machine: machine(),
    ops: [{ op: 'policy.refresh' }],
    runOptions: { mode: 'write', elevated: true },
    expectedResults: [done],
  },
];
