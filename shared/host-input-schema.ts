import { z } from 'zod';
import { parseHostTarget } from './host-name.js';

/**
 * Zod schema for boundaries (IPC, CLI): a string that parses as a host target. Kept apart from host-name.ts so
 * the renderer can validate as the user types without loading zod on its start screen.
 */
export const HostInputSchema = z.string().superRefine((value, ctx) => {
  const parsed = parseHostTarget(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
});
