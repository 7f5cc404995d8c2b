import type { MachinePort } from '../machine/port.js';
import type { NetworkPort } from '../network/port.js';
import { formatHostTarget } from '../shared/host-name.js';
import {
  type ApplyProgress,
  IPC_CHANNELS,
  type IpcChannel,
  type IpcError,
  type IpcParsedRequest,
  type IpcResponse,
  type IpcResult,
  type OpenToolResult,
  type SystemTool,
} from '../shared/ipc.js';
import type { ScanProgress } from '../shared/scan-progress.js';
import type { ChangePreview } from './change-view.js';
import { RepairEngine } from './engine.js';
import { EngineError } from './engine-error.js';
import { forumReportInput } from './forum-report-input.js';
import { readHostHistory } from './host-history.js';
import { renderForumReport } from './report/forum-report.js';
import { handoffMailto } from './report/handoff-mail.js';
import { handoffFileName, handoffSubject, renderHandoffReport } from './report/handoff-report.js';
import { newRunId } from './run-id.js';

export type IpcHandlers = { [C in IpcChannel]: (request: unknown) => Promise<IpcResult<C>> };

export interface IpcHandlerDeps {
  machine: MachinePort;
  /** The handshake with the remote computer beside every scan. */
  network?: NetworkPort;
  dataDir: string;
  /** The machine's one apply lock (see EngineOptions.lockFile). */
  lockFile?: string;
  onProgress: (progress: ApplyProgress) => void;
  /** The steps of a running check (repair:scan). */
  onScanProgress?: (progress: ScanProgress) => void;
  now?: () => Date;
  /** The PowerShell each planned change stands for (see EngineOptions.preview); every host passes it. */
  preview?: ChangePreview;
  /** Opens a Windows tool or the log folder; only the Electron app has one. */
  openTool?: (tool: SystemTool) => Promise<OpenToolResult>;
}

const NO_TOOLS: OpenToolResult = { opened: false, message: 'This opens only in the Windows app.' };

function sentence(text: string): string {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

function toIpcError(error: unknown): IpcError {
  if (error instanceof EngineError) return { code: error.code, message: sentence(error.message) };
  const detail = error instanceof Error ? error.message : String(error);
  return { code: 'failed', message: sentence(`Something went wrong: ${detail}`) };
}

/** One channel's handler: the request checked with its schema, the answer with its own; it never throws. */
export function handler<C extends IpcChannel>(
  channel: C,
  body: (request: IpcParsedRequest<C>) => Promise<IpcResponse<C>>,
): (request: unknown) => Promise<IpcResult<C>> {
  const schemas = IPC_CHANNELS[channel];
  return async (request) => {
    const parsed = schemas.request.safeParse(request ?? {});
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      return {
        ok: false,
        error: {
          code: 'invalid-input',
          message: sentence(`${where}${issue?.message ?? 'invalid request'}`),
        },
      };
    }
    try {
      const value = await body(parsed.data as IpcParsedRequest<C>);
      const checked = schemas.response.safeParse(value);
      if (!checked.success) {
        return {
          ok: false,
          error: { code: 'failed', message: 'The engine gave an answer of the wrong shape.' },
        };
      }
      return { ok: true, value: checked.data as IpcResponse<C> };
    } catch (error) {
      return { ok: false, error: toIpcError(error) };
    }
  };
}

/** What every group of handlers works with. */
interface HandlerContext {
  deps: IpcHandlerDeps;
  engine: RepairEngine;
  now: () => Date;
}

type Handlers<C extends IpcChannel> = Pick<IpcHandlers, C>;

/** Another computer through PowerShell remoting: only where a host adds it (engine/ipc-handlers-remote.ts). */
function noRemoteHandlers(): Handlers<'remote:choose-key' | 'remote:open' | 'remote:close'> {
  return {
    'remote:choose-key': handler('remote:choose-key', async () => ({ chosen: false, name: '' })),
    'remote:open': handler('remote:open', async () => {
      throw new EngineError('failed', 'Checking another computer from here is not available in this app.');
    }),
    'remote:close': handler('remote:close', async () => ({ closed: false })),
  };
}

/** The app itself: what it runs on, what it can check, the tools it opens, Remote Desktop Connection. */
function appHandlers({
  deps,
  engine,
}: HandlerContext): Handlers<
  'app:environment' | 'app:catalogue' | 'hosts:history' | 'mstsc:launch' | 'app:open-tool'
> {
  return {
    'app:environment': handler('app:environment', async () => ({
      machineKind: deps.machine.kind,
      machineLabel: deps.machine.label,
      platform: process.platform,
    })),
    'app:catalogue': handler('app:catalogue', async () =>
      engine.repairs.map((r) => ({ id: r.id, title: r.title })),
    ),
    'hosts:history': handler('hosts:history', () => readHostHistory(deps.machine)),
    'mstsc:launch': handler('mstsc:launch', async (request) => {
      const target = engine.context(request.host).target;
      const [result] = await deps.machine.run([{ op: 'app.launchMstsc', host: formatHostTarget(target) }], {
        mode: 'write',
      });
      if (!result?.ok) {
        throw new EngineError(
          'failed',
          `Remote Desktop Connection could not be started: ${result?.error.message ?? 'no answer'}`,
        );
      }
      return { launched: true };
    }),
    'app:open-tool': handler('app:open-tool', async (request) =>
      deps.openTool ? deps.openTool(request.tool) : NO_TOOLS,
    ),
  };
}

/** A check and a fix: scan, apply (cancellable by its run id), cancel, undo. */
function repairHandlers({
  deps,
  engine,
  now,
}: HandlerContext): Handlers<'repair:scan' | 'repair:apply' | 'repair:cancel' | 'repair:undo'> {
  const running = new Map<string, AbortController>();
  return {
    'repair:scan': handler(
      'repair:scan',
      async (request) =>
        (await engine.scan(request.host, request.only, deps.onScanProgress, request.question)).report,
    ),
    'repair:apply': handler('repair:apply', async (request) => {
      const runId = newRunId(now());
      const controller = new AbortController();
      running.set(runId, controller);
      try {
        return await engine.apply({
          host: request.host,
          question: request.question,
          ...(request.only ? { only: request.only } : {}),
          ...(request.changeIds ? { changeIds: request.changeIds } : {}),
          allowIrreversible: request.allowIrreversible,
          includeSuggestions: request.includeSuggestions,
          restorePoint: request.restorePoint,
          runId,
          signal: controller.signal,
          onProgress: deps.onProgress,
        });
      } finally {
        running.delete(runId);
      }
    }),
    'repair:cancel': handler('repair:cancel', async (request) => {
      const controller = running.get(request.runId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    }),
    'repair:undo': handler('repair:undo', (request) => engine.undo(request.runId, request.changeIds)),
  };
}

/** The journal: every run, the unfinished ones, and rolling one back. */
function journalHandlers({
  engine,
}: HandlerContext): Handlers<
  'history:list' | 'history:connection-test' | 'recovery:pending' | 'recovery:rollback'
> {
  return {
    'history:list': handler('history:list', async () => engine.history()),
    'history:connection-test': handler('history:connection-test', async (request) => ({
      saved: await engine.recordConnectionTest(request.runId, request.answer),
    })),
    'recovery:pending': handler('recovery:pending', async () => engine.unfinished()),
    'recovery:rollback': handler('recovery:rollback', (request) => engine.recover(request.runId)),
  };
}

/** The reports: the forum report and the hand-off to whoever runs the remote computer, each after a scan. */
function reportHandlers({ engine, now }: HandlerContext): Handlers<'report:get' | 'report:handoff'> {
  return {
    'report:get': handler('report:get', async (request) => {
      const { outcome } = await engine.scan(request.host);
      const input = {
        ...forumReportInput(outcome, engine.history(), now()),
        ...(request.connectionTest ? { connectionTest: request.connectionTest } : {}),
      };
      return { markdown: renderForumReport(input, { redact: request.redact }) };
    }),
    'report:handoff': handler('report:handoff', async (request) => {
      const { outcome } = await engine.scan(request.host);
      const input = {
        host: formatHostTarget(outcome.context.target),
        verdict: outcome.verdict,
        findings: outcome.repairs.map((r) => r.finding),
        runs: engine.history(),
        generatedAt: now(),
        ...(request.connectionTest ? { connectionTest: request.connectionTest } : {}),
        ...(request.manualDone ? { manualDone: request.manualDone } : {}),
      };
      const markdown = renderHandoffReport(input);
      const subject = handoffSubject(input);
      return {
        markdown,
        subject,
        fileName: handoffFileName(input.host),
        ...handoffMailto(subject, markdown),
      };
    }),
  };
}

/**
 * Every IPC channel over the engine. Each handler validates its request with the channel's schema and
 * answers with a result: it never throws, whatever it is sent.
 */
export function createIpcHandlers(deps: IpcHandlerDeps): IpcHandlers {
  const now = deps.now ?? (() => new Date());
  const engine = new RepairEngine({
    machine: deps.machine,
    ...(deps.network ? { network: deps.network } : {}),
    dataDir: deps.dataDir,
    ...(deps.lockFile ? { lockFile: deps.lockFile } : {}),
    ...(deps.preview ? { preview: deps.preview } : {}),
    now,
  });
  const context = { deps, engine, now };
  return {
    ...appHandlers(context),
    ...repairHandlers(context),
    ...journalHandlers(context),
    ...reportHandlers(context),
    ...noRemoteHandlers(),
  };
}
