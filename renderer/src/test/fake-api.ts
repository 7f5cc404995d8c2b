import type { Finding, RepairId } from '../../../shared/findings.js';
import type {
  ApplyProgress,
  ApplyReport,
  ChangeView,
  IpcChannel,
  IpcRequest,
  IpcResult,
  RdpRepairApi,
  RunSummary,
  ScanReport,
} from '../../../shared/ipc.js';
import type { ScanProgress } from '../../../shared/scan-progress.js';
import { type FakeRemoteOptions, remoteChannels } from './fake-remote-api.js';

/*
 * A small in-memory stand-in for main: a UDP problem that Fix turns ok and Undo brings back, plus a manual step
 * and an irreversible saved-password change. Every call is recorded so tests can assert what the UI asked for.
 */

export interface FakeCall {
  channel: IpcChannel;
  request: unknown;
}

const STATS = { opsExecuted: 1, roundTrips: 1 };

function finding(
  repairId: RepairId,
  status: Finding['status'],
  summary: string,
  instructions: string[] = [],
): Finding {
  return {
    repairId,
    status,
    summary,
    explanation: `Why ${repairId} matters for error 0x904.`,
    evidence: [{ label: `${repairId} evidence`, value: `${repairId} value` }],
    instructions,
  };
}

const UDP_CHANGE: ChangeView = {
  id: 'udp-transport:disable-udp',
  repairId: 'udp-transport',
  description: 'Set fClientDisableUDP to 1 so Remote Desktop uses TCP only.',
  scope: 'machine',
  needsElevation: true,
  reversible: true,
  ops: [],
  powershellPreview: "Set-ItemProperty -Path 'HKLM:\\SOFTWARE\\Policies' -Name 'fClientDisableUDP' -Value 1",
};

const CREDENTIAL_CHANGE: ChangeView = {
  id: 'saved-credentials:TERMSRV/server01',
  repairId: 'saved-credentials',
  description: 'Delete the saved password for server01.',
  scope: 'user',
  needsElevation: false,
  reversible: false,
  irreversibleReason: 'Windows does not let anyone read a saved password back.',
  ops: [],
  powershellPreview: "cmdkey /delete:'TERMSRV/server01'",
};

export interface FakeOptions extends FakeRemoteOptions {
  pending?: RunSummary[];
  applyOutcome?: ApplyReport['outcome'];
  /** Hold `repair:apply` until `releaseApply()` is called, to observe the running state. */
  holdApply?: boolean;
  /** Hold `repair:scan` until `releaseScan()` is called, to observe the checking state. */
  holdScan?: boolean;
  withCredentials?: boolean;
  /** As in the Windows app: the tools open. Otherwise they answer as the web demo does. */
  toolsOpen?: boolean;
}

export interface FakeApi {
  api: RdpRepairApi;
  calls: FakeCall[];
  emitProgress(progress: ApplyProgress): void;
  emitScanProgress(progress: ScanProgress): void;
  releaseApply(): void;
  releaseScan(): void;
  udpDisabled(): boolean;
}

/** What the fake main knows: the simulated computer's two problems and the runs it made. */
interface FakeMachine {
  udpDisabled: boolean;
  credentialPresent: boolean;
  runCount: number;
  runs: RunSummary[];
}

function scanReport(machine: FakeMachine, host: string): ScanReport {
  const changes: ChangeView[] = [];
  if (!machine.udpDisabled) changes.push(UDP_CHANGE);
  if (machine.credentialPresent) changes.push(CREDENTIAL_CHANGE);
  return {
    host,
    scannedAt: '2026-11-24T10:00:00Z',
    mode: {
      acceptsConnections: false,
      sentence: 'This computer does not accept Remote Desktop connections.',
    },
    verdict: machine.udpDisabled
      ? { side: 'none', summary: 'No problems found on this PC.' }
      : { side: 'this-pc', summary: 'Remote Desktop tries UDP first.' },
    findings: [
      finding('vpn', 'manual', 'Disconnect your VPN and try again.', [
        'Open the VPN app.',
        'Click Disconnect.',
      ]),
      machine.udpDisabled
        ? finding('udp-transport', 'ok', 'Remote Desktop uses TCP only.')
        : finding('udp-transport', 'problem', 'Remote Desktop tries UDP, which can cause error 0x904.'),
      machine.credentialPresent
        ? finding('saved-credentials', 'problem', 'A saved password for server01 may be out of date.')
        : finding('saved-credentials', 'not-applicable', 'No saved password for this computer.'),
    ],
    changes,
    stats: STATS,
  };
}

function ok<C extends IpcChannel>(value: Extract<IpcResult<C>, { ok: true }>['value']): IpcResult<C> {
  return { ok: true, value } as IpcResult<C>;
}

const APPLY_MESSAGES: Record<ApplyReport['outcome'], string> = {
  done: 'All changes were made.',
  'nothing-to-do': 'Nothing to change.',
  'rolled-back': 'A change failed, so the changes already made were put back. Nothing changed.',
  'permission-not-granted': 'Windows did not get permission, so nothing was changed.',
  cancelled: 'Stopped. The changes already made were put back.',
  failed: 'Something went wrong.',
};

/** The run as History lists it. */
function runSummary(runId: string, host: string, wanted: readonly ChangeView[]): RunSummary {
  return {
    runId,
    host,
    startedAt: '2026-11-24T10:05:00Z',
    state: 'done',
    changes: wanted.map((change) => ({
      id: change.id,
      repairId: change.repairId,
      description: change.description,
      ...(change.id === UDP_CHANGE.id
        ? { undoDescription: 'Turn UDP back on for Remote Desktop: put fClientDisableUDP back as it was.' }
        : {}),
      reversible: change.reversible,
      needsElevation: change.needsElevation,
      undone: false,
    })),
    undoable: true,
  };
}

/** Makes the consented changes (all of them, or none when the outcome is not `done`) and records the run. */
function applyChanges(
  machine: FakeMachine,
  request: IpcRequest<'repair:apply'>,
  outcome: ApplyReport['outcome'],
): IpcResult<'repair:apply'> {
  const runId = `run-2026-11-24-${String(++machine.runCount).padStart(4, '0')}`;
  const wanted = scanReport(machine, request.host).changes.filter(
    (change) => request.changeIds === undefined || request.changeIds.includes(change.id),
  );
  const applied = outcome === 'done';
  const changes = wanted.map((change) => {
    const consented = change.reversible || (request.allowIrreversible ?? []).includes(change.id);
    return { changeId: change.id, state: applied && consented ? ('done' as const) : ('skipped' as const) };
  });
  for (const change of changes) {
    if (change.state !== 'done') continue;
    if (change.changeId === UDP_CHANGE.id) machine.udpDisabled = true;
    if (change.changeId === CREDENTIAL_CHANGE.id) machine.credentialPresent = false;
  }
  machine.runs.unshift(runSummary(runId, request.host, wanted));
  return ok<'repair:apply'>({
    runId,
    outcome,
    message: APPLY_MESSAGES[outcome],
    changes,
    verification: applied ? scanReport(machine, request.host) : null,
    nextSteps: ['Restart Remote Desktop Connection.'],
    stats: STATS,
  });
}

/** Puts back what Undo can of one run (the newest when none is named). */
function undoChanges(machine: FakeMachine, request: IpcRequest<'repair:undo'>): IpcResult<'repair:undo'> {
  const run = machine.runs.find((r) => r.runId === (request.runId ?? machine.runs[0]?.runId));
  if (!run) return { ok: false, error: { code: 'not-found', message: 'There is nothing to undo.' } };
  const undone = run.changes
    .filter((c) => c.reversible && (request.changeIds === undefined || request.changeIds.includes(c.id)))
    .map((c) => c.id);
  if (undone.includes(UDP_CHANGE.id)) machine.udpDisabled = false;
  for (const change of run.changes) if (undone.includes(change.id)) change.undone = true;
  run.state = 'undone';
  run.undoable = false;
  return ok<'repair:undo'>({
    runId: run.runId,
    outcome: 'undone',
    message: 'The changes were undone.',
    undoneChangeIds: undone,
    stats: STATS,
  });
}

type RecordCall = <C extends IpcChannel>(channel: C, request: IpcRequest<C>) => void;

/** What the app asks as it starts, and the things it opens: nothing changes on the simulated computer. */
function appChannels(options: FakeOptions, record: RecordCall) {
  return {
    async 'app:environment'(request) {
      record('app:environment', request);
      return ok<'app:environment'>({
        machineKind: 'simulated',
        machineLabel: 'udp-enabled.json',
        platform: 'linux',
      });
    },
    async 'app:catalogue'(request) {
      record('app:catalogue', request);
      return ok<'app:catalogue'>([
        { id: 'udp-transport', title: 'Turn off UDP on this computer' },
        { id: 'saved-credentials', title: 'Remove saved passwords' },
        { id: 'vpn', title: 'Disconnect the VPN' },
      ]);
    },
    async 'hosts:history'(request) {
      record('hosts:history', request);
      return ok<'hosts:history'>(['server01.contoso.com', '10.1.2.3']);
    },
    async 'mstsc:launch'(request) {
      record('mstsc:launch', request);
      return ok<'mstsc:launch'>({ launched: true });
    },
    async 'app:open-tool'(request) {
      record('app:open-tool', request);
      return ok<'app:open-tool'>(
        options.toolsOpen
          ? { opened: true, message: 'Event Viewer is opening.' }
          : { opened: false, message: 'This opens only in the Windows app.' },
      );
    },
  } satisfies Partial<RdpRepairApi>;
}

/** Recovery at start-up and the reports of Get help. */
function reportChannels(options: FakeOptions, record: RecordCall) {
  return {
    async 'recovery:pending'(request) {
      record('recovery:pending', request);
      return ok<'recovery:pending'>(options.pending ?? []);
    },
    async 'recovery:rollback'(request) {
      record('recovery:rollback', request);
      return ok<'recovery:rollback'>({
        runId: request.runId,
        outcome: 'undone',
        message: 'The interrupted changes were put back.',
        undoneChangeIds: [],
        stats: STATS,
      });
    },
    async 'report:get'(request) {
      record('report:get', request);
      const host = request.redact ? '<host>' : request.host;
      return ok<'report:get'>({ markdown: `# RDP Repair report\n\nHost: ${host}\n` });
    },
    async 'report:handoff'(request) {
      record('report:handoff', request);
      return ok<'report:handoff'>({
        markdown: `# Remote Desktop to ${request.host} fails\n`,
        subject: `Remote Desktop to ${request.host} fails`,
        fileName: 'remote-desktop.md',
        mailto: 'mailto:?subject=x&body=y',
        fits: true,
      });
    },
  } satisfies Partial<RdpRepairApi>;
}

/** Listeners of one event main sends, and the way a test sends it. */
function eventChannel<T>() {
  const listeners = new Set<(value: T) => void>();
  return {
    listen(listener: (value: T) => void): () => void {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
    emit(value: T): void {
      for (const listener of listeners) listener(value);
    },
  };
}

export function createFakeApi(options: FakeOptions = {}): FakeApi {
  const calls: FakeCall[] = [];
  const applyProgress = eventChannel<ApplyProgress>();
  const scanProgress = eventChannel<ScanProgress>();
  let releaseScan: () => void = () => {};
  let release: () => void = () => {};
  const machine: FakeMachine = {
    udpDisabled: false,
    credentialPresent: options.withCredentials === true,
    runCount: 0,
    runs: [],
  };

  function record<C extends IpcChannel>(channel: C, request: IpcRequest<C>): void {
    calls.push({ channel, request });
  }

  const api: RdpRepairApi = {
    ...appChannels(options, record),
    ...reportChannels(options, record),
    ...remoteChannels(options, record),
    async 'repair:scan'(request) {
      record('repair:scan', request);
      if (options.holdScan) await new Promise<void>((resolve) => (releaseScan = resolve));
      const report = scanReport(machine, request.host);
      // As the engine answers the incoming question: this PC itself, and the question named in the report.
      return ok<'repair:scan'>(
        request.question === 'incoming' ? { ...report, host: 'localhost', question: 'incoming' } : report,
      );
    },
    async 'repair:apply'(request) {
      record('repair:apply', request);
      if (options.holdApply) await new Promise<void>((resolve) => (release = resolve));
      return applyChanges(machine, request, options.applyOutcome ?? 'done');
    },
    async 'repair:cancel'(request) {
      record('repair:cancel', request);
      return ok<'repair:cancel'>({ cancelled: true });
    },
    async 'repair:undo'(request) {
      record('repair:undo', request);
      return undoChanges(machine, request);
    },
    async 'history:list'(request) {
      record('history:list', request);
      const runs = machine.runs;
      return ok<'history:list'>(runs.map((run) => ({ ...run, changes: run.changes.map((c) => ({ ...c })) })));
    },
    async 'history:connection-test'(request) {
      record('history:connection-test', request);
      // As the engine: kept with a finished run of this computer, else nothing is written.
      const run = machine.runs.find((r) => r.runId === request.runId);
      if (run && run.state !== 'in-progress') run.connectionTest = request.answer;
      return ok<'history:connection-test'>({ saved: run !== undefined && run.state !== 'in-progress' });
    },
    onProgress: applyProgress.listen,
    onScanProgress: scanProgress.listen,
  };

  return {
    api,
    calls,
    emitProgress: applyProgress.emit,
    emitScanProgress: scanProgress.emit,
    releaseApply() {
      release();
    },
    releaseScan() {
      releaseScan();
    },
    udpDisabled: () => machine.udpDisabled,
  };
}
