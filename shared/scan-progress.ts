import { z } from 'zod';
import { HostInputSchema } from './host-input-schema.js';

/*
 * What a running check has got to, step by step, for the progress the user sees while checking. Only steps the
 * engine can observe: PowerShell starting (when the port has to start it), the one read batch on this PC, and
 * the handshake with the remote computer (when there is a network port). The two last run at the same time.
 */

export const ScanStepIdSchema = z.enum(['start-powershell', 'read-this-pc', 'talk-to-remote']);
export type ScanStepId = z.infer<typeof ScanStepIdSchema>;

export const ScanStepStateSchema = z.enum(['waiting', 'running', 'done']);
export type ScanStepState = z.infer<typeof ScanStepStateSchema>;

export const ScanProgressSchema = z.object({
  /** The target as the user typed it (checked), so a page can ignore steps of a check it did not start. */
  host: HostInputSchema,
  /** Every step of this check in the order they are shown; each state only ever moves forward. */
  steps: z
    .array(z.object({ id: ScanStepIdSchema, state: ScanStepStateSchema }))
    .min(1)
    .max(ScanStepIdSchema.options.length),
});
export type ScanProgress = z.infer<typeof ScanProgressSchema>;
