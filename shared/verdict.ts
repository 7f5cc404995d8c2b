import { z } from 'zod';

/** Which side failed, in one sentence: the first thing the CLI prints and the app shows. */
export const VerdictSideSchema = z.enum(['this-pc', 'network', 'remote-pc', 'none', 'unknown']);
export type VerdictSide = z.infer<typeof VerdictSideSchema>;

export const VerdictSchema = z.object({
  side: VerdictSideSchema,
  summary: z.string(),
  /** For a fault on the remote computer: what its administrator does there, and the PowerShell for it. */
  remoteFix: z.object({ steps: z.array(z.string()), powershell: z.string() }).optional(),
});
export type Verdict = z.infer<typeof VerdictSchema>;
