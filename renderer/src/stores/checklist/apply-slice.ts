import type { RepairId } from '../../../../shared/findings.js';
import type {
  ApplyProgress,
  ApplyReport,
  ChangeView,
  ConnectionTest,
  RdpRepairApi,
  SystemTool,
} from '../../../../shared/ipc.js';
import { strings } from '../../strings.js';
import { applyNotice } from '../apply-notice.js';
import { changesFor, changesWithStatus } from '../change-selection.js';
import type { ApplyChoice, ChangeState, ConfirmRequest, Notice } from '../checklist-types.js';
import {
  asked,
  type ChecklistDeps,
  type ChecklistSlice,
  errorNotice,
  type GetChecklist,
  rescan,
  type SetChecklist,
} from './checklist-slice.js';
import { type AppliedByRepair, withApplied } from './history-slice.js';
import { rememberLastChecked } from './startup-slice.js';

/** Fix and Fix all: the confirmation, the run and its progress, then its notices and next steps. */
export interface ApplySlice {
  /** The changes the current or last apply worked on, with their state as progress reports it. */
  runChanges: ChangeView[];
  changeStates: Record<string, ChangeState>;
  progress: ApplyProgress | null;
  cancelRequested: boolean;
  /** Next steps from the last apply that changed something; null until then. */
  nextSteps: string[] | null;
  notice: Notice | null;
  confirm: ConfirmRequest | null;
  mstscNotice: Notice | null;
  /** Test connection opened Remote Desktop Connection: "Did it connect?" is asked. */
  connectionAsked: boolean;
  /** The user's answer, which the report records. */
  connectionTest: ConnectionTest | null;

  /** Fix one card: through the same confirmation as Fix all. */
  requestFix(repairId: RepairId): Promise<void>;
  requestApplyAll(): void;
  closeConfirm(): void;
  confirmApply(choice: ApplyChoice): Promise<void>;
  cancelApply(): Promise<void>;
  testConnection(): Promise<void>;
  answerConnection(answer: ConnectionTest): void;
  /** Opens the Windows settings a "do this yourself" card points at; says so when it cannot. */
  openTool(tool: SystemTool): Promise<void>;
  dismissNotice(): void;
}

/** Each change's state as the running apply reports it. */
export function subscribeApplyProgress(api: RdpRepairApi, set: SetChecklist, get: GetChecklist): void {
  api.onProgress((progress) => {
    const changeStates = { ...get().changeStates };
    if (progress.change) changeStates[progress.change.changeId] = progress.change.state;
    set({ progress, changeStates });
  });
}

/** The newest run a card's Fix made (run ids sort by their start time), for the answer to "Did it connect?". */
function newestRun(applied: AppliedByRepair): string | undefined {
  const runIds = Object.values(applied).flatMap((entries) => entries?.map((entry) => entry.runId) ?? []);
  return runIds.sort().at(-1);
}

/** The answer to "Did it connect?", kept with the run it followed (History, a later report); a check alone has none. */
function keepAnswer(api: RdpRepairApi, set: SetChecklist, get: GetChecklist, answer: ConnectionTest): void {
  set({ connectionTest: answer });
  const runId = get().lastRun?.runId ?? newestRun(get().applied);
  if (runId) void api['history:connection-test']({ runId, answer });
}

/** Runs `changes` (all of the check's when `all`), then shows what it did and checks again. */
async function apply(
  { api, settings }: ChecklistDeps,
  set: SetChecklist,
  get: GetChecklist,
  run: { changes: ChangeView[]; all: boolean; choice: ApplyChoice },
): Promise<void> {
  const { changes, all, choice } = run;
  const host = get().scannedHost;
  if (host === null || changes.length === 0) return;
  const pending: Record<string, ChangeState> = {};
  for (const change of changes) pending[change.id] = 'pending';
  set({
    activity: 'applying',
    confirm: null,
    notice: null,
    announcement: null,
    mstscNotice: null,
    progress: null,
    cancelRequested: false,
    runChanges: changes,
    changeStates: pending,
    ...(all ? { lastRun: null } : {}),
  });
  const result = await api['repair:apply']({
    host,
    ...asked(get().scan?.question),
    changeIds: all ? undefined : changes.map((change) => change.id),
    allowIrreversible: choice.allowIrreversible,
    includeSuggestions: choice.includeSuggestions,
    restorePoint: choice.restorePoint,
  });
  if (!result.ok) {
    set({ activity: 'idle', progress: null, changeStates: {}, notice: errorNotice(result.error.message) });
    return;
  }
  showOutcome({ settings, set, get }, host, result.value, run);
  if (result.value.verification) set({ scan: result.value.verification });
  else await rescan(api, set, get);
  // Like a finished check, a finished apply hands focus to the results (the Fix button may be gone).
  set({ activity: 'idle', progress: null, cancelRequested: false, scanSerial: get().scanSerial + 1 });
}

/** What a finished apply leaves: each change's state, what Undo can put back, the notice and next steps. */
function showOutcome(
  { settings, set, get }: { settings: ChecklistDeps['settings']; set: SetChecklist; get: GetChecklist },
  host: string,
  report: ApplyReport,
  { changes, all }: { changes: ChangeView[]; all: boolean },
): void {
  const finalStates: Record<string, ChangeState> = {};
  for (const outcome of report.changes) finalStates[outcome.changeId] = outcome.state;
  set({ applied: withApplied(get().applied, report, changes) });
  const changedSomething = report.changes.some((outcome) => outcome.state === 'done');
  // "Last checked" names computers this PC connects to; a fix of this PC as a host is not one of them.
  if (changedSomething && get().scan?.question !== 'incoming') {
    const now = new Date().toISOString();
    rememberLastChecked(settings, set, {
      host,
      checkedAt: get().lastChecked?.checkedAt ?? now,
      fixedAt: now,
    });
  }
  set({
    ...(changedSomething ? { nextSteps: report.nextSteps } : {}),
    changeStates: finalStates,
    notice: applyNotice(report, report.verification, get().titles),
    ...(all ? { lastRun: report } : {}),
  });
}

/** What Test connection leaves: "Did it connect?" asked when Remote Desktop Connection opened, else why not. */
async function launchConnectionTest(api: RdpRepairApi, host: string): Promise<Partial<ApplySlice>> {
  const result = await api['mstsc:launch']({ host });
  const launched = result.ok && result.value.launched;
  return {
    connectionAsked: launched,
    connectionTest: null,
    mstscNotice: launched
      ? { intent: 'success', text: strings.result.testLaunched }
      : { intent: 'warning', text: result.ok ? strings.result.testNotLaunched : result.error.message },
  };
}

/** The apply slice's fields as the window opens: nothing asked, nothing run, nothing to say. */
function applyStart() {
  return {
    runChanges: [],
    changeStates: {},
    progress: null,
    cancelRequested: false,
    nextSteps: null,
    notice: null,
    confirm: null,
    mstscNotice: null,
    connectionAsked: false,
    connectionTest: null,
  } satisfies Partial<ApplySlice>;
}

export const createApplySlice: ChecklistSlice<ApplySlice> = (deps) => (set, get) => ({
  ...applyStart(),

  // The same consent as Fix all: every change is shown, in words, before it runs.
  async requestFix(repairId) {
    const changes = changesFor(get().scan?.changes ?? [], repairId);
    if (changes.length === 0) return;
    set({ confirm: { repairId, changes, suggestions: [] } });
  },

  requestApplyAll() {
    const scan = get().scan;
    if (!scan || scan.changes.length === 0) return;
    const confirm = {
      repairId: null,
      changes: changesWithStatus(scan, false),
      suggestions: changesWithStatus(scan, true),
    };
    set({ confirm });
  },

  closeConfirm() {
    set({ confirm: null });
  },

  async confirmApply(choice) {
    const request = get().confirm;
    if (!request) return;
    const ticked = request.suggestions.filter((change) => choice.includeSuggestions.includes(change.id));
    const changes = [...request.changes, ...ticked];
    await apply(deps, set, get, { changes, all: request.repairId === null, choice });
  },

  async cancelApply() {
    const runId = get().progress?.runId;
    if (get().activity !== 'applying' || runId === undefined) return;
    set({ cancelRequested: true });
    await deps.api['repair:cancel']({ runId });
  },

  async testConnection() {
    const host = get().scannedHost;
    if (host === null) return;
    set(await launchConnectionTest(deps.api, host));
  },

  answerConnection: (answer) => keepAnswer(deps.api, set, get, answer),

  async openTool(tool) {
    const result = await deps.api['app:open-tool']({ tool });
    if (!result.ok) set({ notice: errorNotice(result.error.message) });
    else if (!result.value.opened) set({ notice: { intent: 'warning', text: result.value.message } });
  },

  dismissNotice() {
    set({ notice: null });
  },
});
