import type { RepairId } from '../../../../shared/findings.js';
import { parseHostTarget } from '../../../../shared/host-name.js';
import type { RdpRepairApi, ScanReport } from '../../../../shared/ipc.js';
import type { Question } from '../../../../shared/question.js';
import type { ScanProgress } from '../../../../shared/scan-progress.js';
import { format, strings } from '../../strings.js';
import type { Activity } from '../checklist-types.js';
import { scanAnnouncement } from '../scan-announcement.js';
import {
  asked,
  type ChecklistSlice,
  errorNotice,
  FRESH_RESULTS,
  type GetChecklist,
  type SetChecklist,
} from './checklist-slice.js';
import { rememberLastChecked } from './startup-slice.js';

/** The check and its results: the host field, the running check, what it found, the cards' own marks. */
export interface ResultsSlice {
  hostInput: string;
  /**
   * The user has put the cursor in the host field: start-up then no longer fills it in. Without this, a history
   * that arrived while they started typing landed between their select-all and their text ("server01server01").
   */
  hostTouched: boolean;
  /** Shown under the host field as the user types; null when the text is a valid target (or empty). */
  hostError: string | null;
  scannedHost: string | null;
  activity: Activity;
  scan: ScanReport | null;
  /** The steps of the running check, as the engine reports them; null when no check runs. */
  scanProgress: ScanProgress | null;
  /** What the live region says about the check: "Checking…" while it runs, then the counts. */
  announcement: string | null;
  /** Counts finished checks and applies, so the results heading takes focus once after each. */
  scanSerial: number;
  manualDone: Partial<Record<RepairId, boolean>>;

  setHostInput(text: string): void;
  touchHost(): void;
  runScan(): Promise<boolean>;
  /** "People can't connect to this PC": this PC checked as the computer others connect to (the host field aside). */
  runThisPcCheck(): Promise<boolean>;
  /** Stops waiting for the running check: its answer, when it comes, is dropped (a check changes nothing). */
  cancelScan(): void;
  setManualDone(repairId: RepairId, done: boolean): void;
}

/** Only the user's own check shows its steps; the check again after a fix or an undo runs quietly. */
export function subscribeScanProgress(api: RdpRepairApi, set: SetChecklist, get: GetChecklist): void {
  api.onScanProgress((scanProgress) => {
    if (get().activity === 'scanning') set({ scanProgress });
  });
}

/** Counts the checks the user started; a check's answer counts only while it is the latest (Cancel skips one). */
interface CheckCounter {
  latest: number;
}

/** The name the incoming question is checked under (engine/incoming-question.ts answers it for this PC). */
const THIS_PC = 'localhost';

/** Asks for the check of `text`; false when it failed or another check (or Cancel) came after it. */
async function check(
  { api, set, get }: { api: RdpRepairApi; set: SetChecklist; get: GetChecklist },
  counter: CheckCounter,
  text: string,
  question: Question = 'outgoing',
): Promise<boolean> {
  set({
    activity: 'scanning',
    scanProgress: null,
    notice: null,
    announcement:
      question === 'incoming'
        ? strings.checklist.announceCheckingThisPc
        : format(strings.checklist.announceChecking, { host: text }),
    mstscNotice: null,
    hostError: null,
  });
  const mine = ++counter.latest;
  const result = await api['repair:scan']({ host: text, ...asked(question) });
  if (mine !== counter.latest) return false;
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
  return true;
}

/** The incoming question, queued like the other check during start-up. */
function checkThisPc(
  { api, set, get }: { api: RdpRepairApi; set: SetChecklist; get: GetChecklist },
  counter: CheckCounter,
): Promise<boolean> {
  if (!get().ready) {
    set({ scanQueued: true, queuedQuestion: 'incoming' });
    return Promise.resolve(false);
  }
  // Not remembered as "Last checked": that line and the history are about computers this PC connects to.
  return check({ api, set, get }, counter, THIS_PC, 'incoming');
}

/** The slice's fields as the window opens: an empty field, nothing checked. */
const RESULTS_AT_START = {
  hostInput: '',
  hostTouched: false,
  hostError: null,
  scannedHost: null,
  activity: 'idle',
  scan: null,
  scanProgress: null,
  announcement: null,
  scanSerial: 0,
  manualDone: {},
} as const satisfies Partial<ResultsSlice>;

export const createResultsSlice: ChecklistSlice<ResultsSlice> =
  ({ api, settings }) =>
  (set, get) => {
    const counter: CheckCounter = { latest: 0 };
    return {
      ...RESULTS_AT_START,

      touchHost() {
        if (!get().hostTouched) set({ hostTouched: true });
      },

      setHostInput(text) {
        const parsed = parseHostTarget(text);
        set({ hostInput: text, hostError: parsed.ok || text.trim() === '' ? null : parsed.message });
        // Results belong to the computer they were found for: another name clears them, so a Fix never
        // acts on a check of a different computer than the one in the field.
        const { scannedHost, activity } = get();
        if (scannedHost !== null && activity === 'idle' && text.trim() !== scannedHost) {
          set({ ...FRESH_RESULTS, scan: null, scannedHost: null, announcement: null, mstscNotice: null });
        }
      },

      async runScan() {
        if (!get().ready) {
          set({ scanQueued: true, queuedQuestion: 'outgoing' });
          return false;
        }
        const text = get().hostInput.trim();
        const parsed = parseHostTarget(text);
        if (!parsed.ok) {
          set({ hostError: parsed.message });
          return false;
        }
        if (!(await check({ api, set, get }, counter, text))) return false;
        // A fix time carries over only while it is the same computer.
        const before = get().lastChecked;
        const fixedAt = before?.host === text ? before.fixedAt : undefined;
        const checkedAt = new Date().toISOString();
        rememberLastChecked(settings, set, { host: text, checkedAt, ...(fixedAt ? { fixedAt } : {}) });
        return true;
      },

      runThisPcCheck: () => checkThisPc({ api, set, get }, counter),

      cancelScan() {
        if (get().activity !== 'scanning') return;
        counter.latest++;
        set({ activity: 'idle', scanProgress: null, announcement: strings.checklist.announceCancelled });
      },

      setManualDone(repairId, done) {
        set({ manualDone: { ...get().manualDone, [repairId]: done } });
      },
    };
  };
