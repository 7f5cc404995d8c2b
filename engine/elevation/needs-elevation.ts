import type { PlannedChange } from '../../shared/findings.js';
import { opNeedsElevation } from '../../shared/ops.js';

/** Machine-scope changes go into the one elevated batch; everything else runs as the user. */
export function needsElevation(change: PlannedChange): boolean {
  return change.scope === 'machine' || change.ops.some(opNeedsElevation);
}

/**
 * Which batch an undo belongs in: its change's forward ops and scope, and its inverse too. A change the
 * journal calls user-scope whose undo writes machine-wide is machine-wide: it goes to the templates (and is
 * refused there), never to the unelevated batch of a process that may hold an administrator's token.
 */
export function undoNeedsElevation(change: PlannedChange): boolean {
  return needsElevation(change) || (change.inverse ?? []).some(opNeedsElevation);
}
