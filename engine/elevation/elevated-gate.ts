import type { PlannedChange } from '../../shared/findings.js';
import type { Op } from '../../shared/ops.js';
import { EngineError } from '../engine-error.js';
import { buildElevatedOps, recogniseElevatedOps } from './elevated-templates.js';
import { needsElevation } from './needs-elevation.js';

/*
 * The engine's gate in front of the elevated batch. A fix: every machine-wide change, and its undo, must be one
 * of the closed templates (elevated-templates.ts), checked before the journal or the machine is touched. An
 * undo or recover: the journal is the user's file, so a machine-wide inverse runs only as a template rebuilds it.
 */

/**
 * Nothing goes to the elevated batch that is not one of the closed templates (a repair that planned other
 * machine-wide ops is a bug, stopped before the journal or the machine is touched).
 */
export function assertElevatedTemplates(changes: readonly PlannedChange[]): void {
  for (const change of changes) {
    // Its undo too: a machine-wide inverse no template builds would be refused at undo time, too late.
    if (
      !recogniseElevatedOps(change.ops) ||
      (change.inverse !== null && !recogniseElevatedOps(change.inverse))
    )
      throw new EngineError(
        'failed',
        `The change ${change.id} is not one of the machine-wide changes RDP Repair may make.`,
      );
  }
}

/**
 * A fix's two batches, in the order they run: the elevated one (machine-scope changes, checked against the
 * templates here) first, then the user's. Within each batch the undoable changes go first: a failure then stops
 * the batch before anything that cannot be put back, so an irreversible change is only made once everything
 * before it in its batch worked.
 */
export function batchesByElevation(changes: readonly PlannedChange[]): {
  machineChanges: PlannedChange[];
  userChanges: PlannedChange[];
} {
  const reversibleFirst = (list: readonly PlannedChange[]): PlannedChange[] => [
    ...list.filter((c) => c.inverse !== null),
    ...list.filter((c) => c.inverse === null),
  ];
  const machineChanges = reversibleFirst(changes.filter(needsElevation));
  assertElevatedTemplates(machineChanges);
  const userChanges = reversibleFirst(changes.filter((c) => !needsElevation(c)));
  return { machineChanges, userChanges };
}

/** The ops a machine-wide undo from the journal may run: what its template builds, or undefined (refused). */
export function trustedElevatedInverse(change: PlannedChange): Op[] | undefined {
  const template = recogniseElevatedOps(change.inverse ?? []);
  return template ? buildElevatedOps(template) : undefined;
}
