import { z } from 'zod';
import { HostData, WriteResultSchema } from './common.js';

/*
 * The system family: starting Remote Desktop Connection, restore points and the session's facts
 * (machine/powershell/interpreter/System.ps1).
 */

export const SYSTEM_OP_SCHEMAS = [
  z.object({ op: z.literal('app.launchMstsc'), host: HostData }),
  z.object({ op: z.literal('system.restorePoint'), description: z.string().min(1).max(200) }),
  z.object({ op: z.literal('system.facts') }),
] as const;

// Windows refusing a restore point (System Protection off, one made in the last 24 h) is an op error
// (`unsupported` / `failed` with the reason), so a write batch stops before any change follows it.
export const RestorePointResultSchema = z.object({ created: z.literal(true) });
export const SystemFactsSchema = z.object({
  build: z.string(),
  edition: z.string(),
  elevated: z.boolean(),
  user: z.string(),
  documentsFolder: z.string(),
  powershellVersion: z.string(),
});
export type SystemFacts = z.infer<typeof SystemFactsSchema>;

export const SYSTEM_RESULT_SCHEMAS = {
  'app.launchMstsc': WriteResultSchema,
  'system.restorePoint': RestorePointResultSchema,
  'system.facts': SystemFactsSchema,
} as const;
