import type { StateCreator, StoreApi } from 'zustand/vanilla';
import type { RdpRepairApi } from '../../../../shared/ipc.js';
import type { Question } from '../../../../shared/question.js';
import type { Notice } from '../checklist-types.js';
import type { SettingsStorage } from '../last-checked.js';
import type { ApplySlice } from './apply-slice.js';
import type { HistorySlice } from './history-slice.js';
import type { ResultsSlice } from './results-slice.js';
import type { StartupSlice } from './startup-slice.js';
import type { UndoSlice } from './undo-slice.js';

/*
 * What the checklist's slices share: the one state they make together, what each slice is built with, and the
 * few steps more than one slice takes (check again quietly, the error notice, the results of a fresh check).
 */

/** The checklist's whole state: each slice's fields and actions, one store for the components. */
export type ChecklistState = StartupSlice & ResultsSlice & ApplySlice & UndoSlice & HistorySlice;

/** What every slice is built with. */
export interface ChecklistDeps {
  api: RdpRepairApi;
  settings: SettingsStorage | null;
}

/** zustand's slice pattern: a slice sees (and may set) the combined state, and makes its own part of it. */
export type ChecklistSlice<T> = (deps: ChecklistDeps) => StateCreator<ChecklistState, [], [], T>;

export type SetChecklist = StoreApi<ChecklistState>['setState'];
export type GetChecklist = StoreApi<ChecklistState>['getState'];

export function errorNotice(message: string): Notice {
  return { intent: 'error', text: message };
}

/** What a check of one computer leaves on its cards: reset by a new check and by a new name in the field. */
export const FRESH_RESULTS = {
  runChanges: [],
  changeStates: {},
  lastRun: null,
  nextSteps: null,
  manualDone: {},
  connectionAsked: false,
  connectionTest: null,
} satisfies Partial<ChecklistState>;

/** The question of a request: named only when it is the incoming one (absent means outgoing to the engine). */
export function asked(question: Question | undefined): { question?: 'incoming' } {
  return question === 'incoming' ? { question } : {};
}

/** Checks the computer of the results again, quietly (after a fix, an undo, or a change made elsewhere). */
export async function rescan(api: RdpRepairApi, set: SetChecklist, get: GetChecklist): Promise<void> {
  const host = get().scannedHost;
  if (host === null) return;
  const result = await api['repair:scan']({ host, ...asked(get().scan?.question) });
  if (result.ok) set({ scan: result.value });
  else set({ notice: errorNotice(result.error.message) });
}
