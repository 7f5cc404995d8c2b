import type { RepairId } from '../../../../shared/findings.js';
import type { IpcResponse } from '../../../../shared/ipc.js';
import type { Question } from '../../../../shared/question.js';
import {
  type LastChecked,
  readLastChecked,
  type SettingsStorage,
  writeLastChecked,
} from '../last-checked.js';
import { subscribeApplyProgress } from './apply-slice.js';
import type { ChecklistSlice, SetChecklist } from './checklist-slice.js';
import { subscribeScanProgress } from './results-slice.js';

/** Start-up: what happens when the window opens (the catalogue, the host to offer, the last check). */
export interface StartupSlice {
  environment: IpcResponse<'app:environment'> | null;
  titles: Partial<Record<RepairId, string>>;
  hostHistory: string[];
  /** The computer last checked, from the app's own storage ("Last checked: server01, fixed 09:02"). */
  lastChecked: LastChecked | null;
  /** False until init has loaded the catalogue and the host to offer; a check asked for before waits. */
  ready: boolean;
  /** A click on "Check this PC" during start-up: it runs as soon as init is done, never lost. */
  scanQueued: boolean;
  /** Which question that click asked ("People can't connect to this PC" is the incoming one). */
  queuedQuestion: Question;

  init(): Promise<void>;
}

/** Keeps the last check (and fix) in the app's storage, for the next start, and on the page. */
export function rememberLastChecked(
  settings: SettingsStorage | null,
  set: SetChecklist,
  value: LastChecked,
): void {
  writeLastChecked(settings, value);
  set({ lastChecked: value });
}

export const createStartupSlice: ChecklistSlice<StartupSlice> =
  ({ api, settings }) =>
  (set, get) => ({
    environment: null,
    titles: {},
    hostHistory: [],
    lastChecked: null,
    ready: false,
    scanQueued: false,
    queuedQuestion: 'outgoing',

    async init() {
      subscribeApplyProgress(api, set, get);
      subscribeScanProgress(api, set, get);
      try {
        const [environment, catalogue, history] = await Promise.all([
          api['app:environment']({}),
          api['app:catalogue']({}),
          api['hosts:history']({}),
        ]);
        const titles: StartupSlice['titles'] = {};
        if (catalogue.ok) for (const info of catalogue.value) titles[info.id] = info.title;
        const lastChecked = readLastChecked(settings);
        set({
          environment: environment.ok ? environment.value : null,
          titles,
          hostHistory: history.ok ? history.value : [],
          lastChecked,
        });
        const firstHost = lastChecked?.host ?? (history.ok ? history.value[0] : undefined);
        // Offered only to a field the user has not touched: their own text (or cursor) wins.
        const { hostInput, hostTouched } = get();
        if (hostInput === '' && !hostTouched && firstHost !== undefined) get().setHostInput(firstHost);
      } finally {
        // Even when start-up failed: the check then reports its own error instead of waiting forever.
        set({ ready: true });
      }
      if (get().scanQueued) {
        set({ scanQueued: false });
        await (get().queuedQuestion === 'incoming' ? get().runThisPcCheck() : get().runScan());
      }
    },
  });
