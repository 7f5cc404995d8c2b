import type { PlannedChange } from '../shared/findings.js';
import type { ChangeView } from '../shared/ipc.js';
import type { Op } from '../shared/ops.js';
import { needsElevation } from './elevation/needs-elevation.js';

/**
 * The script a change's ops stand for, shown for reference and never run. The engine knows no interpreter:
 * every host passes the PowerShell one (`powershellPreview`, through `hosts/composition-root.ts`'s World).
 */
export type ChangePreview = (ops: readonly Op[]) => string;

/** Without a preview from the host: no script at all (the window shows none for an empty preview). */
export const NO_PREVIEW: ChangePreview = () => '';

/** A planned change as the user sees it, with the host's preview of its ops (for reference; never run). */
export function toChangeView(change: PlannedChange, preview: ChangePreview): ChangeView {
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
    powershellPreview: preview(change.ops),
  };
}
