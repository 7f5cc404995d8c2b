import type { OpNameOf } from '../../../shared/ops.js';
import { failure, ok, type SimulatedOpContext, type SimulatedOpHandlers } from './common.js';

/* The system family, as System.ps1 answers it: mstsc, restore points and the session's facts. */

function createRestorePoint(description: string, machine: SimulatedOpContext) {
  switch (machine.state.simulation.restorePoint) {
    case 'protection-off':
      return failure('unsupported', 'System Protection is turned off for the system drive.');
    case 'too-recent':
      return failure('failed', 'Windows already created a restore point in the last 24 hours.');
    case 'created':
      machine.restorePoints.push(description);
      return ok({ created: true });
  }
}

export const SYSTEM_HANDLERS: SimulatedOpHandlers<OpNameOf<'system'>> = {
  'app.launchMstsc': (op, { launches }) => {
    launches.push(op.host);
    return ok(null);
  },
  'system.restorePoint': (op, machine) => createRestorePoint(op.description, machine),
  'system.facts': (_op, { state, elevated }) => {
    const { build, edition, user, documentsFolder, powershellVersion } = state.os;
    return ok({ build, edition, elevated, user, documentsFolder, powershellVersion });
  },
};
