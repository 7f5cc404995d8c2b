import { createHash } from 'node:crypto';
import { z } from 'zod';
import { PlannedChangeSchema } from '../../shared/findings.js';
import { RunSummarySchema } from '../../shared/ipc.js';

/*
 * One run as recorded on disk: every change with its inverse (the backup of what was there), written before
 * the first change is made and updated after each batch. The SHA-256 of the run makes a torn or edited file
 * detectable.
 */

export const JournalChangeStatusSchema = z.enum([
  // Written before the batch ran: it may or may not have been made.
  'planned',
  'applied',
  'not-applied',
  'rolled-back',
  'undone',
]);
export type JournalChangeStatus = z.infer<typeof JournalChangeStatusSchema>;

export const JournalChangeSchema = z.object({
  change: PlannedChangeSchema,
  status: JournalChangeStatusSchema,
});
export type JournalChange = z.infer<typeof JournalChangeSchema>;

export const JournalRunSchema = z.object({
  runId: RunSummarySchema.shape.runId,
  /** 1 + the highest sequence on disk when the run began (under the apply lock): orders runs exactly. */
  sequence: z.number().int().min(1),
  host: z.string(),
  startedAt: z.string(),
  updatedAt: z.string(),
  /** The process that made the run: an in-progress run whose process is gone is unfinished. */
  pid: z.number().int(),
  /** When that process started (engine/process-identity.ts), so a reused pid is not taken for it. */
  processStart: z.string().max(32).nullable().optional(),
  state: RunSummarySchema.shape.state,
  /** In the order they are applied: machine changes, then user changes. */
  changes: z.array(JournalChangeSchema),
  message: z.string().optional(),
  /** What the user answered to "Did it connect?" after the run, and when. */
  connectionTest: z
    .object({ answer: RunSummarySchema.shape.connectionTest.unwrap(), at: z.string().max(40) })
    .optional(),
});
export type JournalRun = z.infer<typeof JournalRunSchema>;

const JournalFileSchema = z.object({
  format: z.literal('rdp-repair-journal'),
  version: z.literal(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  run: z.string(),
});

export class JournalCorruptError extends Error {
  override readonly name = 'JournalCorruptError';
  constructor(
    readonly file: string,
    problem: string,
  ) {
    super(`The journal file ${file} is damaged (${problem}); it was kept as it is and not used.`);
  }
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/** The run is stored as a JSON string so the checksum covers exactly the bytes written. */
export function encodeJournal(run: JournalRun): string {
  const body = JSON.stringify(JournalRunSchema.parse(run));
  return `${JSON.stringify({ format: 'rdp-repair-journal', version: 1, sha256: sha256(body), run: body }, null, 2)}\n`;
}

export function decodeJournal(text: string, file: string): JournalRun {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new JournalCorruptError(file, 'not valid JSON');
  }
  const envelope = JournalFileSchema.safeParse(json);
  if (!envelope.success) throw new JournalCorruptError(file, 'not a journal file of this app');
  if (sha256(envelope.data.run) !== envelope.data.sha256) {
    throw new JournalCorruptError(file, 'its checksum does not match its content');
  }
  let body: unknown;
  try {
    body = JSON.parse(envelope.data.run);
  } catch {
    throw new JournalCorruptError(file, 'its content is not valid JSON');
  }
  const run = JournalRunSchema.safeParse(body);
  if (!run.success) throw new JournalCorruptError(file, 'its content is not a valid run');
  return run.data;
}
