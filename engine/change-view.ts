import { powershellPreview } from '../machine/powershell/powershell-preview.js';
import type { PlannedChange } from '../shared/findings.js';
import type { ChangeView } from '../shared/ipc.js';
import { needsElevation } from './elevation/needs-elevation.js';

/** A planned change as the user sees it, with the equivalent PowerShell (for reference; never run). */
export function toChangeView(change: PlannedChange): ChangeView {
  return {
    id: change.id,
    repairId: change.repairId,
    description: change.description,
    scope: change.scope,
    needsElevation: needsElevation(change),
    reversible: change.inverse !== null,
    ...(change.irreversibleReason ? { irreversibleReason: change.irreversibleReason } : {}),
    ...(change.warning ? { warning: change.warning } : {}),
    ops: change.ops,
    powershellPreview: powershellPreview(change.ops),
  };
}
