import { DOCS, done, dword, err, key, machine, ok, POLICY } from './contract-fixtures.js';
import type { ContractCase } from './contract-types.js';

/*
 * The system family's contract cases (System.ps1): mstsc, restore points, the session's facts.
 */

export const SYSTEM_CASES: readonly ContractCase[] = [
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
