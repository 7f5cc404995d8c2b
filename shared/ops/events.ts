import { z } from 'zod';

/* The events family: the event log (machine/powershell/interpreter/Events.ps1). */

/**
 * The Windows event log refuses an XPath query with too many terms ("the specified query is invalid" past
 * about 20), so a query stays under that. The interpreter counts the same way: the time, each id, each
 * provider, each level (Information is two: Level 0 and 4).
 */
export const MAX_EVENT_QUERY_TERMS = 19;
export function eventQueryTerms(op: {
  ids?: readonly number[];
  providers?: readonly string[];
  levels?: readonly string[];
}): number {
  const levels = (op.levels ?? []).reduce((n, level) => n + (level === 'Information' ? 2 : 1), 0);
  return 1 + (op.ids?.length ?? 0) + (op.providers?.length ?? 0) + levels;
}

export const EVENTS_OP_SCHEMAS = [
  z
    .object({
      op: z.literal('events.query'),
      channel: z.enum([
        'Microsoft-Windows-TerminalServices-RDPClient/Operational',
        'System',
        'Application',
        'Microsoft-Windows-TerminalServices-RemoteConnectionManager/Admin',
        'Microsoft-Windows-TerminalServices-RemoteConnectionManager/Operational',
        'Microsoft-Windows-TerminalServices-LocalSessionManager/Operational',
        'Microsoft-Windows-RemoteDesktopServices-RdpCoreTS/Operational',
      ]),
      ids: z.array(z.number().int().min(0).max(65535)).max(50).optional(),
      providers: z.array(z.string().max(200)).max(20).optional(),
      levels: z.array(z.enum(['Critical', 'Error', 'Warning', 'Information'])).optional(),
      since: z.iso.datetime(),
      max: z.number().int().min(1).max(1000),
    })
    .refine((op) => eventQueryTerms(op) <= MAX_EVENT_QUERY_TERMS, {
      message: `an event query has at most ${MAX_EVENT_QUERY_TERMS} XPath terms (the event log refuses more)`,
    }),
] as const;

export const EventSchema = z.object({
  channel: z.string(),
  id: z.number().int(),
  time: z.iso.datetime({ offset: true }),
  level: z.enum(['Critical', 'Error', 'Warning', 'Information', 'Verbose']).optional(),
  provider: z.string().optional(),
  message: z.string().optional(),
  /** System/Correlation ActivityID: shared by the events of one Remote Desktop connection attempt. */
  activityId: z.string().max(64).optional(),
  data: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
});
export type MachineEvent = z.infer<typeof EventSchema>;
export const EventsResultSchema = z.array(EventSchema);

export const EVENTS_RESULT_SCHEMAS = {
  'events.query': EventsResultSchema,
} as const;
