import { z } from 'zod';
import { OpSchema } from './ops.js';
import { REPAIR_IDS, type RepairId } from './repair-ids.js';

export { REPAIR_IDS, type RepairId };

export const RepairIdSchema = z.enum(REPAIR_IDS);

/**
 * - `problem`: evidence on this PC says this is (part of) why the connection fails; its fix is in Fix all.
 * - `warning`: something on this PC worth cleaning up; its fix is in Fix all.
 * - `suggestion`: a fix that may help, with no evidence that it will (why it may help is in the finding); never
 *   counted as a problem, in Fix all only when the user ticks it.
 * - `manual`: something to do by hand, here or on the remote computer. `ok`, `not-applicable`, `unknown`.
 */
export const FindingStatusSchema = z.enum([
  'ok',
  'problem',
  'warning',
  'suggestion',
  'manual',
  'not-applicable',
  'unknown',
]);
export type FindingStatus = z.infer<typeof FindingStatusSchema>;

export const FindingSchema = z.object({
  repairId: RepairIdSchema,
  status: FindingStatusSchema,
  /** One plain-language sentence for a non-technical user. */
  summary: z.string(),
  /** Longer explanation: why this matters for error 0x904. */
  explanation: z.string(),
  /** What was observed, as label/value pairs a user can read. */
  evidence: z.array(z.object({ label: z.string(), value: z.string() })),
  /** Steps the user does by hand (status `manual`). */
  instructions: z.array(z.string()).default([]),
  /**
   * About this PC as a computer others connect to (its own listener), while the check is of a connection from
   * here to another computer: it cannot explain that connection, so it is out of the verdict, and its changes
   * are out of Fix all unless the user chooses them (issue 27, point 2). Absent when it is the question.
   */
  incoming: z.literal(true).optional(),
});
export type Finding = z.infer<typeof FindingSchema>;

export const ChangeScopeSchema = z.enum(['user', 'machine']);
export type ChangeScope = z.infer<typeof ChangeScopeSchema>;

/**
 * One change of a plan: the ops that make it and the ops that undo it, computed from what was read.
 * `inverse: null` means it cannot be undone; `irreversibleReason` says why and the user must consent.
 */
export const PlannedChangeSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+(:[\w.\-:]+)?$/i),
  repairId: RepairIdSchema,
  description: z.string(),
  scope: ChangeScopeSchema,
  ops: z.array(OpSchema).min(1),
  inverse: z.array(OpSchema).nullable(),
  irreversibleReason: z.string().optional(),
  /** Side effects the user should know before consenting (e.g. a service restart drops sessions). */
  warning: z.string().optional(),
  /** For a change that cannot be undone: what the user can do if it stopped part-way, as a sentence. */
  ifInterrupted: z.string().optional(),
  /**
   * What undoing it does, in the same plain words as `description` but backwards ("Turn UDP back on for Remote
   * Desktop"), for the undo dialog. Optional: journals written before it existed have none, and the app then
   * says "Undo: " and the description's first clause.
   */
  undoDescription: z.string().optional(),
});
export type PlannedChange = z.infer<typeof PlannedChangeSchema>;
