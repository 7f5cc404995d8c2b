import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RepairId } from '../../../shared/findings.js';
import { parseHostTarget } from '../../../shared/host-name.js';
import type {
  ApplyProgress,
  ApplyReport,
  ChangeView,
  ConnectionTest,
  IpcResponse,
  RdpRepairApi,
  ScanReport,
  SystemTool,
} from '../../../shared/ipc.js';
import type { ScanProgress } from '../../../shared/scan-progress.js';
import { format, strings } from '../strings.js';
import { applyNotice } from './apply-notice.js';
import { changesFor, changesWithStatus } from './change-selection.js';
import type {
  Activity,
  AppliedChanges,
  ApplyChoice,
  ChangeState,
  ConfirmRequest,
  Notice,
} from './checklist-types.js';
import { type LastChecked, readLastChecked, type SettingsStorage, writeLastChecked } from './last-checked.js';
import { scanAnnouncement } from './scan-announcement.js';

export type { Activity, ApplyChoice, ChangeState, ConfirmRequest, Notice } from './checklist-types.js';

export interface ChecklistState {
  environment: IpcResponse<'app:environment'> | null;
  titles: Partial<Record<RepairId, string>>;
  hostHistory: string[];
  hostInput: string;
  /** Shown under the host field as the user types; null when the text is a valid target (or empty). */
  hostError: string | null;
  scannedHost: string | null;
  activity: Activity;
  scan: ScanReport | null;
  /** The changes the current or last apply worked on, with their state as progress reports it. */
  runChanges: ChangeView[];
  changeStates: Record<string, ChangeState>;
  progress: ApplyProgress | null;
  /** The steps of the running check, as the engine reports them; null when no check runs. */
  scanProgress: ScanProgress | null;
  cancelRequested: boolean;
  /** The last "Fix all" run, for its next steps and "Undo all from this run". */
  lastRun: ApplyReport | null;
  applied: Partial<Record<RepairId, AppliedChanges[]>>;
  /** Next steps from the last apply that changed something; null until then. */
  nextSteps: string[] | null;
  notice: Notice | null;
  /** What the live region says about the check: "Checking…" while it runs, then the counts. */
  announcement: string | null;
  /** The computer last checked, from the app's own storage ("Last checked: server01, fixed 09:02"). */
  lastChecked: LastChecked | null;
  /** False until init has loaded the catalogue and the host to offer; a check asked for before waits. */
  ready: boolean;
  /** A click on "Check this PC" during start-up: it runs as soon as init is done, never lost. */
  scanQueued: boolean;
  /** Counts finished checks and applies, so the results heading takes focus once after each. */
  scanSerial: number;
  manualDone: Partial<Record<RepairId, boolean>>;
  confirm: ConfirmRequest | null;
  mstscNotice: Notice | null;
  /** Test connection opened Remote Desktop Connection: "Did it connect?" is asked. */
  connectionAsked: boolean;
  /** The user's answer, which the report records. */
  connectionTest: ConnectionTest | null;

  init(): Promise<void>;
  setHostInput(text: string): void;
  runScan(): Promise<boolean>;
  /** Stops waiting for the running check: its answer, when it comes, is dropped (a check changes nothing). */
  cancelScan(): void;
  /** Fix one card: through the same confirmation as Fix all. */
  requestFix(repairId: RepairId): Promise<void>;
  requestApplyAll(): void;
  closeConfirm(): void;
  confirmApply(choice: ApplyChoice): Promise<void>;
  cancelApply(): Promise<void>;
  undoRepair(repairId: RepairId): Promise<void>;
  undoLastRun(): Promise<void>;
  testConnection(): Promise<void>;
  answerConnection(answer: ConnectionTest): void;
  setManualDone(repairId: RepairId, done: boolean): void;
  /** Opens the Windows settings a "do this yourself" card points at; says so when it cannot. */
  openTool(tool: SystemTool): Promise<void>;
  dismissNotice(): void;
  /** After something outside this page (history, recovery) changed the machine. */
  refreshAfterExternalChange(): Promise<void>;
}

function errorNotice(message: string): Notice {
  return { intent: 'error', text: message };
}

/** What a check of one computer leaves on its cards: reset by a new check and by a new name in the field. */
const FRESH_RESULTS = {
  runChanges: [],
  changeStates: {},
  lastRun: null,
  nextSteps: null,
  manualDone: {},
  connectionAsked: false,
  connectionTest: null,
} satisfies Partial<ChecklistState>;

export function createChecklistStore(
  api: RdpRepairApi,
  settings: SettingsStorage | null = null,
): StoreApi<ChecklistState> {
  return createStore<ChecklistState>()((set, get) => {
    // Counts the checks the user started; a check's answer counts only while it is the latest (Cancel skips one).
    let checkNumber = 0;
    function remember(value: LastChecked): void {
      writeLastChecked(settings, value);
      set({ lastChecked: value });
    }

    async function rescan(): Promise<void> {
      const host = get().scannedHost;
      if (host === null) return;
      const result = await api['repair:scan']({ host });
      if (result.ok) set({ scan: result.value });
      else set({ notice: errorNotice(result.error.message) });
    }

    function recordApplied(report: ApplyReport, changes: readonly ChangeView[]): void {
      if (report.runId === null) return;
      const runId = report.runId;
      const doneIds = new Set(report.changes.filter((c) => c.state === 'done').map((c) => c.changeId));
      const applied = { ...get().applied };
      for (const change of changes) {
        // Only what Undo can put back: a card never offers Undo for a change that cannot be undone.
        if (!doneIds.has(change.id) || !change.reversible) continue;
        const list = applied[change.repairId] ?? [];
        const existing = list.find((entry) => entry.runId === runId);
        if (existing) existing.changeIds.push(change.id);
        else list.push({ runId, changeIds: [change.id] });
        applied[change.repairId] = list;
      }
      set({ applied });
    }

    async function apply(changes: ChangeView[], all: boolean, choice: ApplyChoice): Promise<void> {
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
        changeIds: all ? undefined : changes.map((change) => change.id),
        allowIrreversible: choice.allowIrreversible,
        includeSuggestions: choice.includeSuggestions,
        restorePoint: choice.restorePoint,
      });
      if (!result.ok) {
        set({
          activity: 'idle',
          progress: null,
          changeStates: {},
          notice: errorNotice(result.error.message),
        });
        return;
      }
      const report = result.value;
      const finalStates: Record<string, ChangeState> = {};
      for (const outcome of report.changes) finalStates[outcome.changeId] = outcome.state;
      recordApplied(report, changes);
      const changedSomething = report.changes.some((outcome) => outcome.state === 'done');
      if (changedSomething) {
        const now = new Date().toISOString();
        remember({ host, checkedAt: get().lastChecked?.checkedAt ?? now, fixedAt: now });
      }
      set({
        ...(changedSomething ? { nextSteps: report.nextSteps } : {}),
        changeStates: finalStates,
        notice: applyNotice(report, report.verification, get().titles),
        ...(all ? { lastRun: report } : {}),
      });
      if (report.verification) set({ scan: report.verification });
      else await rescan();
      // Like a finished check, a finished apply hands focus to the results (the Fix button may be gone).
      set({ activity: 'idle', progress: null, cancelRequested: false, scanSerial: get().scanSerial + 1 });
    }

    async function undo(runId: string | undefined, changeIds: string[] | undefined): Promise<boolean> {
      set({ activity: 'undoing', notice: null, announcement: null, mstscNotice: null });
      const result = await api['repair:undo']({ runId, changeIds });
      if (!result.ok) {
        set({ activity: 'idle', notice: errorNotice(result.error.message) });
        return false;
      }
      const report = result.value;
      const undone = new Set(report.undoneChangeIds);
      const changeStates = { ...get().changeStates };
      for (const id of undone) changeStates[id] = 'undone';
      const applied: ChecklistState['applied'] = {};
      for (const [repairId, entries] of Object.entries(get().applied) as [RepairId, AppliedChanges[]][]) {
        const left = entries
          .map((entry) => ({ ...entry, changeIds: entry.changeIds.filter((id) => !undone.has(id)) }))
          .filter((entry) => entry.changeIds.length > 0);
        if (left.length > 0) applied[repairId] = left;
      }
      set({
        changeStates,
        applied,
        // Next steps were about the changes just undone: they stay only while some change is still in place.
        ...(Object.keys(applied).length === 0 ? { nextSteps: null } : {}),
        notice: { intent: report.outcome === 'failed' ? 'error' : 'success', text: report.message },
      });
      await rescan();
      set({ activity: 'idle' });
      return report.outcome === 'undone';
    }

    return {
      environment: null,
      titles: {},
      hostHistory: [],
      hostInput: '',
      hostError: null,
      scannedHost: null,
      activity: 'idle',
      scan: null,
      runChanges: [],
      changeStates: {},
      progress: null,
      scanProgress: null,
      cancelRequested: false,
      lastRun: null,
      applied: {},
      nextSteps: null,
      notice: null,
      announcement: null,
      lastChecked: null,
      ready: false,
      scanQueued: false,
      scanSerial: 0,
      manualDone: {},
      confirm: null,
      mstscNotice: null,
      connectionAsked: false,
      connectionTest: null,

      async init() {
        api.onProgress((progress) => {
          const changeStates = { ...get().changeStates };
          if (progress.change) changeStates[progress.change.changeId] = progress.change.state;
          set({ progress, changeStates });
        });
        // Only the user's own check shows its steps; the check again after a fix or an undo runs quietly.
        api.onScanProgress((scanProgress) => {
          if (get().activity === 'scanning') set({ scanProgress });
        });
        try {
          const [environment, catalogue, history] = await Promise.all([
            api['app:environment']({}),
            api['app:catalogue']({}),
            api['hosts:history']({}),
          ]);
          const titles: ChecklistState['titles'] = {};
          if (catalogue.ok) for (const info of catalogue.value) titles[info.id] = info.title;
          const lastChecked = readLastChecked(settings);
          set({
            environment: environment.ok ? environment.value : null,
            titles,
            hostHistory: history.ok ? history.value : [],
            lastChecked,
          });
          const firstHost = lastChecked?.host ?? (history.ok ? history.value[0] : undefined);
          if (get().hostInput === '' && firstHost !== undefined) get().setHostInput(firstHost);
        } finally {
          // Even when start-up failed: the check then reports its own error instead of waiting forever.
          set({ ready: true });
        }
        if (get().scanQueued) {
          set({ scanQueued: false });
          await get().runScan();
        }
      },

      setHostInput(text) {
        const parsed = parseHostTarget(text);
        set({ hostInput: text, hostError: parsed.ok || text.trim() === '' ? null : parsed.message });
        // Results belong to the computer they were found for: another name clears them, so a Fix never
        // acts on a check of a different computer than the one in the field.
        const { scannedHost, activity } = get();
        if (scannedHost !== null && activity === 'idle' && text.trim() !== scannedHost) {
          set({
            ...FRESH_RESULTS,
            scan: null,
            scannedHost: null,
            announcement: null,
            mstscNotice: null,
          });
        }
      },

      async runScan() {
        if (!get().ready) {
          set({ scanQueued: true });
          return false;
        }
        const text = get().hostInput.trim();
        const parsed = parseHostTarget(text);
        if (!parsed.ok) {
          set({ hostError: parsed.message });
          return false;
        }
        set({
          activity: 'scanning',
          scanProgress: null,
          notice: null,
          announcement: format(strings.checklist.announceChecking, { host: text }),
          mstscNotice: null,
          hostError: null,
        });
        const mine = ++checkNumber;
        const result = await api['repair:scan']({ host: text });
        if (mine !== checkNumber) return false;
        if (!result.ok) {
          set({
            activity: 'idle',
            scanProgress: null,
            announcement: null,
            notice: errorNotice(result.error.message),
          });
          return false;
        }
        set({
          activity: 'idle',
          scanProgress: null,
          announcement: scanAnnouncement(result.value),
          scanSerial: get().scanSerial + 1,
          scan: result.value,
          scannedHost: text,
          ...FRESH_RESULTS,
        });
        // A fix time carries over only while it is the same computer.
        const before = get().lastChecked;
        const fixedAt = before?.host === text ? before.fixedAt : undefined;
        remember({ host: text, checkedAt: new Date().toISOString(), ...(fixedAt ? { fixedAt } : {}) });
        return true;
      },

      cancelScan() {
        if (get().activity !== 'scanning') return;
        checkNumber++;
        set({ activity: 'idle', scanProgress: null, announcement: strings.checklist.announceCancelled });
      },

      // The same consent as Fix all: every change is shown, in words, before it runs.
      async requestFix(repairId) {
        const changes = changesFor(get().scan?.changes ?? [], repairId);
        if (changes.length === 0) return;
        set({ confirm: { repairId, changes, suggestions: [] } });
      },

      requestApplyAll() {
        const scan = get().scan;
        if (!scan || scan.changes.length === 0) return;
        set({
          confirm: {
            repairId: null,
            changes: changesWithStatus(scan, false),
            suggestions: changesWithStatus(scan, true),
          },
        });
      },

      closeConfirm() {
        set({ confirm: null });
      },

      async confirmApply(choice) {
        const request = get().confirm;
        if (!request) return;
        const ticked = request.suggestions.filter((change) => choice.includeSuggestions.includes(change.id));
        await apply([...request.changes, ...ticked], request.repairId === null, choice);
      },

      async cancelApply() {
        const runId = get().progress?.runId;
        if (get().activity !== 'applying' || runId === undefined) return;
        set({ cancelRequested: true });
        await api['repair:cancel']({ runId });
      },

      async undoRepair(repairId) {
        const entries = get().applied[repairId] ?? [];
        for (const entry of entries) {
          const ok = await undo(entry.runId, entry.changeIds);
          if (!ok) return;
        }
      },

      async undoLastRun() {
        const runId = get().lastRun?.runId;
        if (!runId) return;
        if (await undo(runId, undefined)) set({ lastRun: null });
      },

      async testConnection() {
        const host = get().scannedHost;
        if (host === null) return;
        const result = await api['mstsc:launch']({ host });
        const launched = result.ok && result.value.launched;
        set({
          connectionAsked: launched,
          connectionTest: null,
          mstscNotice: launched
            ? { intent: 'success', text: strings.result.testLaunched }
            : { intent: 'warning', text: result.ok ? strings.result.testNotLaunched : result.error.message },
        });
      },

      async openTool(tool) {
        const result = await api['app:open-tool']({ tool });
        if (!result.ok) set({ notice: errorNotice(result.error.message) });
        else if (!result.value.opened) set({ notice: { intent: 'warning', text: result.value.message } });
      },

      answerConnection(answer) {
        set({ connectionTest: answer });
      },

      setManualDone(repairId, done) {
        set({ manualDone: { ...get().manualDone, [repairId]: done } });
      },

      dismissNotice() {
        set({ notice: null });
      },

      async refreshAfterExternalChange() {
        set({ applied: {}, lastRun: null, changeStates: {}, runChanges: [] });
        await rescan();
      },
    };
  });
}
