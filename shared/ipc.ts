import { z } from 'zod';
import { ChangeScopeSchema, FindingSchema, RepairIdSchema } from './findings.js';
import { HandshakeProbeSchema } from './handshake.js';
import { HostInputSchema } from './host-input-schema.js';
import { type IPC_CHANNEL_NAMES, PROGRESS_EVENT, SCAN_PROGRESS_EVENT } from './ipc-channel-names.js';
import { OpSchema } from './ops.js';
import { QuestionSchema } from './question.js';
import { type ScanProgress, ScanProgressSchema } from './scan-progress.js';
import { VerdictSchema } from './verdict.js';

/*
 * The one contract between the renderer and main. Each channel has a request and a response schema; main
 * validates requests, the preload exposes one function per channel, the web demo bridges the same names.
 * The renderer only ever sends repair ids, host names, change ids, run ids and tool names: never code or paths.
 */

const RunIdSchema = z.string().regex(/^run-[0-9a-z-]{8,64}$/, 'not a run id');
const ChangeIdSchema = z.string().min(1).max(400);
const OnlySchema = z.array(RepairIdSchema).max(8).optional();

export const RunStatsSchema = z.object({ opsExecuted: z.number().int(), roundTrips: z.number().int() });
export type RunStats = z.infer<typeof RunStatsSchema>;

export const RepairInfoSchema = z.object({ id: RepairIdSchema, title: z.string() });

export const RemoteViaSchema = z.enum(['ssh', 'winrm']);
/** The computer the app works on through PowerShell remoting ("Check and fix it from here"), when it does. */
export const RemoteComputerSchema = z.object({ via: RemoteViaSchema, computer: z.string() });
export type RemoteComputer = z.infer<typeof RemoteComputerSchema>;

export const EnvironmentSchema = z.object({
  machineKind: z.enum(['simulated', 'powershell']),
  machineLabel: z.string(),
  platform: z.string(),
  /** Set while the checks go to another computer (remote:open); absent for this PC. */
  remote: RemoteComputerSchema.optional(),
});

/** A planned change as the user sees it: what, where, the PowerShell that will run, and whether it can be undone. */
export const ChangeViewSchema = z.object({
  id: ChangeIdSchema,
  repairId: RepairIdSchema,
  description: z.string(),
  scope: ChangeScopeSchema,
  needsElevation: z.boolean(),
  reversible: z.boolean(),
  irreversibleReason: z.string().optional(),
  warning: z.string().optional(),
  ops: z.array(OpSchema),
  /** Read-only preview of the PowerShell the interpreter runs for these ops. */
  powershellPreview: z.string(),
});
export type ChangeView = z.infer<typeof ChangeViewSchema>;

export const ScanReportSchema = z.object({
  host: z.string(),
  /** The question the check answered (shared/question.ts); absent: outgoing. */
  question: QuestionSchema.optional(),
  scannedAt: z.string(),
  /** Which side failed, in one sentence: shown first. */
  verdict: VerdictSchema,
  /** The handshake with the remote computer, when one was made. */
  handshake: HandshakeProbeSchema.optional(),
  /** Whether this PC accepts Remote Desktop connections (then it is checked as the remote computer too). */
  mode: z.object({ acceptsConnections: z.boolean(), sentence: z.string() }),
  findings: z.array(FindingSchema),
  changes: z.array(ChangeViewSchema),
  stats: RunStatsSchema,
});
export type ScanReport = z.infer<typeof ScanReportSchema>;

export const ChangeOutcomeSchema = z.object({
  changeId: ChangeIdSchema,
  state: z.enum(['pending', 'running', 'done', 'failed', 'skipped', 'rolled-back', 'undone']),
  message: z.string().optional(),
});

export const ApplyReportSchema = z.object({
  runId: RunIdSchema.nullable(),
  outcome: z.enum(['done', 'nothing-to-do', 'rolled-back', 'permission-not-granted', 'cancelled', 'failed']),
  /** One sentence for the user: what happened, what was rolled back, what to do. */
  message: z.string(),
  changes: z.array(ChangeOutcomeSchema),
  restorePoint: z.object({ created: z.boolean(), message: z.string() }).optional(),
  verification: ScanReportSchema.nullable(),
  nextSteps: z.array(z.string()),
  stats: RunStatsSchema,
});
export type ApplyReport = z.infer<typeof ApplyReportSchema>;

export const RunSummarySchema = z.object({
  runId: RunIdSchema,
  host: z.string(),
  startedAt: z.string(),
  state: z.enum(['in-progress', 'done', 'rolled-back', 'undone', 'partially-undone', 'failed']),
  changes: z.array(
    z.object({
      id: ChangeIdSchema,
      repairId: RepairIdSchema,
      description: z.string(),
      /** What undoing it does, in words (PlannedChange.undoDescription); absent for older runs. */
      undoDescription: z.string().optional(),
      reversible: z.boolean(),
      /** Putting it back needs administrator permission (a machine-wide change): Undo asks first. */
      needsElevation: z.boolean(),
      undone: z.boolean(),
    }),
  ),
  undoable: z.boolean(),
  /** What the user answered to "Did it connect?" after this run (issue 27), kept with the run. */
  connectionTest: z.enum(['connected', 'not-connected']).optional(),
});
export type RunSummary = z.infer<typeof RunSummarySchema>;

export const UndoReportSchema = z.object({
  runId: RunIdSchema,
  outcome: z.enum(['undone', 'nothing-to-undo', 'permission-not-granted', 'failed']),
  message: z.string(),
  undoneChangeIds: z.array(ChangeIdSchema),
  stats: RunStatsSchema,
});
export type UndoReport = z.infer<typeof UndoReportSchema>;

export const ApplyProgressSchema = z.object({
  runId: RunIdSchema,
  completed: z.number().int().min(0),
  total: z.number().int().min(0),
  change: ChangeOutcomeSchema.optional(),
  phase: z.enum([
    'journal',
    'restore-point',
    'user-changes',
    'machine-changes',
    'rollback',
    'verify',
    'finished',
  ]),
});
export type ApplyProgress = z.infer<typeof ApplyProgressSchema>;

export const IpcErrorSchema = z.object({
  code: z.enum(['invalid-input', 'busy', 'not-found', 'failed']),
  message: z.string(),
});
export type IpcError = z.infer<typeof IpcErrorSchema>;

/** `question: incoming` checks this PC itself, whatever the host says (engine/incoming-question.ts). */
const HostRequest = z.object({
  host: HostInputSchema,
  only: OnlySchema,
  question: QuestionSchema.default('outgoing'),
});

/** The Windows tools "Get help" can open; the renderer names one, main decides what that starts. */
/** After Test connection: what the user says happened. */
export const ConnectionTestSchema = z.enum(['connected', 'not-connected']);
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>;

export const SystemToolSchema = z.enum([
  'event-viewer',
  'credential-manager',
  'log-folder',
  // The settings a "do this yourself" card points at: Settings > Network > VPN, and Windows Security.
  'vpn-settings',
  'windows-security',
]);
export type SystemTool = z.infer<typeof SystemToolSchema>;

export const OpenToolResultSchema = z.object({
  opened: z.boolean(),
  /** One sentence for the user, shown when the tool did not open. */
  message: z.string(),
});
export type OpenToolResult = z.infer<typeof OpenToolResultSchema>;

/**
 * "Check and fix it from here" (issue 26): the way in, the computer (NAME or NAME:PORT, the remoting port; the
 * standard one when absent) and the account. Over SSH the key is the file main's own file dialog chose
 * (remote:choose-key), never a path from the page; over WinRM the password, which main hands to the session
 * and never logs nor keeps. Without a password, WinRM signs in as this PC's user (Kerberos in a domain).
 */
export const RemoteOpenRequestSchema = z.object({
  via: RemoteViaSchema,
  computer: HostInputSchema,
  user: z
    .string()
    .regex(/^[A-Za-z0-9._@\\-]{1,104}$/, 'give an account name such as CONTOSO\\admin or admin'),
  password: z.string().min(1).max(256).optional(),
});
export type RemoteOpenRequest = z.infer<typeof RemoteOpenRequestSchema>;

/** Every request/response pair. Adding a channel here adds it to the preload, main and the web bridge. */
export const IPC_CHANNELS = {
  'app:environment': { request: z.object({}), response: EnvironmentSchema },
  'app:catalogue': { request: z.object({}), response: z.array(RepairInfoSchema) },
  'hosts:history': { request: z.object({}), response: z.array(z.string()) },
  'repair:scan': { request: HostRequest, response: ScanReportSchema },
  'repair:apply': {
    request: HostRequest.extend({
      /** Change ids of irreversible changes the user ticked; others are skipped. */
      allowIrreversible: z.array(ChangeIdSchema).max(200).default([]),
      /** Changes of suggestions the user ticked (Fix all leaves the others out). */
      includeSuggestions: z.array(ChangeIdSchema).max(200).default([]),
      /** Only these change ids (one card's Fix); all planned changes when absent. */
      changeIds: z.array(ChangeIdSchema).max(200).optional(),
      restorePoint: z.boolean().default(false),
    }),
    response: ApplyReportSchema,
  },
  'repair:cancel': {
    request: z.object({ runId: RunIdSchema }),
    response: z.object({ cancelled: z.boolean() }),
  },
  'repair:undo': {
    request: z.object({
      runId: RunIdSchema.optional(),
      changeIds: z.array(ChangeIdSchema).max(200).optional(),
    }),
    response: UndoReportSchema,
  },
  'history:list': { request: z.object({}), response: z.array(RunSummarySchema) },
  /** "Did it connect?" answered after a run: kept in that run's journal, shown in History and the report. */
  'history:connection-test': {
    request: z.object({ runId: RunIdSchema, answer: ConnectionTestSchema }),
    response: z.object({ saved: z.boolean() }),
  },
  'recovery:pending': { request: z.object({}), response: z.array(RunSummarySchema) },
  'recovery:rollback': { request: z.object({ runId: RunIdSchema }), response: UndoReportSchema },
  'report:get': {
    request: z.object({
      host: HostInputSchema,
      redact: z.boolean().default(false),
      /** What the user answered to "Did it connect?" after Test connection, if they did. */
      connectionTest: ConnectionTestSchema.optional(),
    }),
    response: z.object({ markdown: z.string() }),
  },
  /** The page for the remote computer's administrator (issue 27): real names, never redacted. */
  'report:handoff': {
    request: z.object({
      host: HostInputSchema,
      connectionTest: ConnectionTestSchema.optional(),
      /** Cards whose steps the user marked "I did this": part of what this PC already tried. */
      manualDone: z.array(RepairIdSchema).max(16).optional(),
    }),
    response: z.object({
      markdown: z.string(),
      subject: z.string(),
      fileName: z.string(),
      /** mailto: with the subject and the page, or a note to paste it when the page is too long (`fits`). */
      mailto: z.string().startsWith('mailto:?'),
      fits: z.boolean(),
    }),
  },
  'mstsc:launch': {
    request: z.object({ host: HostInputSchema }),
    response: z.object({ launched: z.boolean() }),
  },
  'app:open-tool': {
    request: z.object({ tool: SystemToolSchema }),
    response: OpenToolResultSchema,
  },
  /** Main's file dialog for the SSH key: main keeps the path; the page gets the file's name to show. */
  'remote:choose-key': {
    request: z.object({}),
    response: z.object({ chosen: z.boolean(), name: z.string() }),
  },
  /**
   * Opens the remote port; from then on the checks, fixes, undo and journal go to that computer (its journal in
   * remote/<via>-<computer> on this PC) until remote:close. A refusal is the port's one sentence (ok: false).
   */
  'remote:open': {
    request: RemoteOpenRequestSchema,
    response: RemoteComputerSchema.extend({ label: z.string() }),
  },
  /** Back to this PC: the remote session is closed. */
  'remote:close': { request: z.object({}), response: z.object({ closed: z.boolean() }) },
} as const;

export type IpcChannel = keyof typeof IPC_CHANNELS;

type SameMembers<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
// Compile-time guard: the preload's name list and the channels above cannot drift apart.
const channelNamesMatch: SameMembers<IpcChannel, (typeof IPC_CHANNEL_NAMES)[number]> = true;
void channelNamesMatch;
export type IpcRequest<C extends IpcChannel> = z.input<(typeof IPC_CHANNELS)[C]['request']>;
export type IpcParsedRequest<C extends IpcChannel> = z.output<(typeof IPC_CHANNELS)[C]['request']>;
export type IpcResponse<C extends IpcChannel> = z.output<(typeof IPC_CHANNELS)[C]['response']>;

/** Every answer crosses the boundary as a result, never as a thrown error. */
export type IpcResult<C extends IpcChannel> =
  | { ok: true; value: IpcResponse<C> }
  | { ok: false; error: IpcError };

export const IPC_EVENTS = {
  [PROGRESS_EVENT]: ApplyProgressSchema,
  [SCAN_PROGRESS_EVENT]: ScanProgressSchema,
} as const;
export type IpcEvent = keyof typeof IPC_EVENTS;

/** The API the preload puts on `window.rdpRepair`: one function per channel, plus the two progress subscriptions. */
export type RdpRepairApi = {
  [C in IpcChannel]: (request: IpcRequest<C>) => Promise<IpcResult<C>>;
} & {
  onProgress(listener: (progress: ApplyProgress) => void): () => void;
  onScanProgress(listener: (progress: ScanProgress) => void): () => void;
};
