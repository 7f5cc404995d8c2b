import { MACHINE_ALLOW_LIST } from '../../../shared/machine-allow-list.js';
import type { MachineDescription } from '../../../shared/machine-description.js';
import type { OpNameOf, OpOf } from '../../../shared/ops.js';
import { guardedServiceChange, type ServiceState } from '../../../shared/values-before.js';
import { issueRemoteDesktopCertificate } from '../simulated-certificates.js';
import { failure, findByName, ok, type SimulatedOpContext, type SimulatedOpHandlers } from './common.js';

/* The services family, as Services.ps1 answers it: the Remote Desktop services and the policy refresh. */

type SimulatedService = MachineDescription['services'][string];

const RECORD_KEY = MACHINE_ALLOW_LIST.elevatedWrites.valuesBeforeKey;
const RECORD_PARENT = RECORD_KEY.slice(0, RECORD_KEY.lastIndexOf('\\'));

/** The start type a service answers: the description's, else the one Windows ships with (the allow-list's table). */
function startTypeOf(name: string, service: SimulatedService): string | undefined {
  if (service.startType === 'unreadable') return undefined;
  if (service.startType) return service.startType;
  const entry = MACHINE_ALLOW_LIST.elevatedWrites.serviceStates.find((s) => s.name === name);
  return entry?.fixStartType ?? 'Manual';
}

/*
 * service.setState from the elevated batch (elevatedWriteRefusal refuses it anywhere else), under the record of
 * states before, as ValuesBefore.ps1 keeps it: the fix records what was there, the exact undo drops the record.
 */
function setState(op: OpOf<'service.setState'>, { state, registry }: SimulatedOpContext) {
  const found = findByName(state.services, op.name);
  if (!found) return failure('not-found', `There is no service named ${op.name}.`);
  const [name, service] = found;
  const entry = MACHINE_ALLOW_LIST.elevatedWrites.serviceStates.find((s) => s.name === op.name);
  if (!entry)
    return failure('invalid-argument', "The elevated batch changes only what RDP Repair's fixes need.");
  const startType = startTypeOf(name, service);
  const current: ServiceState | undefined =
    startType === undefined ? undefined : { startType, running: service.status === 'Running' };
  const record = registry.readValue(RECORD_KEY, `service:${entry.name}`);
  const recorded = record?.type === 'REG_SZ' ? record.data : undefined;
  const change = guardedServiceChange(entry, current, op, recorded);
  if (change.action === 'refuse') return failure(change.refusal.code, change.refusal.message);
  if (change.action === 'record')
    registry.setValue(RECORD_KEY, change.recordName, { type: 'REG_SZ', data: change.text });
  service.startType = op.startType;
  service.status = op.running ? 'Running' : 'Stopped';
  if (change.action === 'forget') {
    registry.deleteValue(RECORD_KEY, change.recordName);
    registry.deleteEmptyKey(RECORD_KEY);
    registry.deleteEmptyKey(RECORD_PARENT);
  }
  return ok(null);
}

export const SERVICES_HANDLERS: SimulatedOpHandlers<OpNameOf<'services'>> = {
  'service.status': (op, { state }) => {
    const service = findByName(state.services, op.name);
    if (!service) return ok({ exists: false });
    const startType = startTypeOf(service[0], service[1]);
    return ok({ exists: true, status: service[1].status, ...(startType ? { startType } : {}) });
  },
  'service.restart': (op, { state, now }) => {
    const service = findByName(state.services, op.name);
    if (!service) return failure('not-found', `There is no service named ${op.name}.`);
    service[1].status = 'Running';
    // Restarting SessionEnv makes a new Remote Desktop certificate when none is valid, as Windows does.
    if (service[0].toLowerCase() === 'sessionenv' && state.simulation.sessionEnvIssuesCertificate) {
      issueRemoteDesktopCertificate(state, now());
    }
    return ok(null);
  },
  'service.setState': setState,
  'policy.refresh': () => ok(null),
};
