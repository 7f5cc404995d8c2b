import { absent, done, err, machine, ok } from './contract-fixtures.js';
import type { ContractCase } from './contract-types.js';

/*
 * The services family's contract cases (Services.ps1): the Remote Desktop services and the policy refresh.
 */

const WITH_SERVICES = machine({
  services: { TermService: { status: 'Running' }, UmRdpService: { status: 'Stopped' } },
});

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
  {
    name: 'policy.refresh succeeds elevated',
    realMachine: 'simulated-only',
    machine: machine(),
    ops: [{ op: 'policy.refresh' }],
    runOptions: { mode: 'write', elevated: true },
    expectedResults: [done],
  },
];
