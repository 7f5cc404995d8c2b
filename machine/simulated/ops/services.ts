import type { OpNameOf } from '../../../shared/ops.js';
import { issueRemoteDesktopCertificate } from '../simulated-certificates.js';
import { failure, findByName, ok, type SimulatedOpHandlers } from './common.js';

/* The services family, as Services.ps1 answers it: the Remote Desktop services and the policy refresh. */

export const SERVICES_HANDLERS: SimulatedOpHandlers<OpNameOf<'services'>> = {
  'service.status': (op, { state }) => {
    const service = findByName(state.services, op.name);
    return ok(service ? { exists: true, status: service[1].status } : { exists: false });
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
  'policy.refresh': () => ok(null),
};
