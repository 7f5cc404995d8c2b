import type { MachinePort } from '../machine/port.js';
import type { PlannedChange } from '../shared/findings.js';
import { type EntryOutcome, runBatch } from './change-batch.js';
import { trustedElevatedInverse } from './elevation/elevated-gate.js';
import { inverseBeyondChange } from './elevation/inverse-bounds.js';
import { undoNeedsElevation } from './elevation/needs-elevation.js';

/** Why a machine-wide undo from the journal was not run. */
export const UNTRUSTED_INVERSE =
  'its saved undo is not one of the machine-wide changes RDP Repair makes, so it was not run: the journal file may have been changed by another program. The change stays in place; check again to see this computer as it is now';

/** An undo from the journal that reaches beyond what its own change touched (inverse-bounds.ts). */
export const INVERSE_BEYOND_CHANGE =
  'its saved undo would change more than the change itself did, so it was not run: the journal file may have been changed by another program. The change stays in place; check again to see this computer as it is now';

/** After the elevated side refused a machine-wide undo. */
export const ELEVATED_REFUSAL =
  'this computer has no record that the value the journal asks for was there before (the journal may be from an older version of RDP Repair, or changed by another program). The change stays in place; check again to see this computer as it is now';

export interface ReplayOutcome {
  /** Change ids whose inverse ran completely. */
  restored: string[];
  /** Inverses that failed or did not run, with why. */
  failed: { id: string; message: string }[];
  /** Of those, the ones refused (no template builds them, or the elevated side refused): trying again cannot help. */
  refused: string[];
  /** Changes that have no inverse and so stay as they are. */
  irreversible: PlannedChange[];
  permissionDenied: boolean;
}

/**
 * Undoes changes (given in the order they were applied) by running their inverses in reverse order:
 * user-scope inverses in one unelevated batch (user changes were applied last), then machine-scope ones in
 * one elevated batch. Inverses restore captured state and are idempotent, so replaying one whose change may
 * not have run is safe. Before anything runs, an inverse that reaches beyond its own change is refused.
 */
export async function replayInverses(
  machine: MachinePort,
  applied: readonly PlannedChange[],
  onEntryDone?: (outcome: EntryOutcome) => void,
): Promise<ReplayOutcome> {
  const reversed = [...applied].reverse();
  const outcome: ReplayOutcome = {
    restored: [],
    failed: [],
    irreversible: reversed.filter((c) => c.inverse === null),
    refused: [],
    permissionDenied: false,
  };
  const reversible = reversed.filter((c) => {
    if (c.inverse === null) return false;
    if (inverseBeyondChange(c).length === 0) return true;
    outcome.failed.push({ id: c.id, message: INVERSE_BEYOND_CHANGE });
    outcome.refused.push(c.id);
    return false;
  });
  for (const elevated of [false, true]) {
    const entries = reversible
      .filter((c) => undoNeedsElevation(c) === elevated)
      .flatMap((c) => {
        if (!elevated) return [{ key: c.id, ops: c.inverse ?? [] }];
        // The journal is the user's file: a machine-wide undo runs only as a template rebuilds it.
        const ops = trustedElevatedInverse(c);
        if (ops) return [{ key: c.id, ops }];
        outcome.failed.push({ id: c.id, message: UNTRUSTED_INVERSE });
        outcome.refused.push(c.id);
        return [];
      });
    if (entries.length === 0) continue;
    const batch = await runBatch(machine, entries, { elevated, ...(onEntryDone ? { onEntryDone } : {}) });
    if (batch.firstError?.error.code === 'permission-not-granted') outcome.permissionDenied = true;
    for (const entry of batch.entries) {
      if (entry.status === 'done') outcome.restored.push(entry.key);
      else if (elevated && entry.error?.code === 'invalid-argument') {
        // The elevated side's own refusal (values-before.ts, elevatedWrites): the same on every try.
        outcome.failed.push({
          id: entry.key,
          message: `${entry.error.message.replace(/\.$/, '')}: ${ELEVATED_REFUSAL}`,
        });
        outcome.refused.push(entry.key);
      } else {
        const message = entry.error?.message ?? batch.firstError?.error.message ?? 'it did not run';
        outcome.failed.push({ id: entry.key, message });
      }
    }
  }
  return outcome;
}
