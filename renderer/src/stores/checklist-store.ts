import { createStore, type StoreApi } from 'zustand/vanilla';
import type { RdpRepairApi } from '../../../shared/ipc.js';
import { createApplySlice } from './checklist/apply-slice.js';
import type { ChecklistState } from './checklist/checklist-slice.js';
import { createHistorySlice } from './checklist/history-slice.js';
import { createResultsSlice } from './checklist/results-slice.js';
import { createStartupSlice } from './checklist/startup-slice.js';
import { createUndoSlice } from './checklist/undo-slice.js';
import type { SettingsStorage } from './last-checked.js';

export type { ChecklistState } from './checklist/checklist-slice.js';
export type { Activity, ApplyChoice, ChangeState, ConfirmRequest, Notice } from './checklist-types.js';

/**
 * The checklist page's one store, made of zustand slices (`checklist/`): start-up, the check and its results,
 * Fix and Fix all, undo, and the runs this page made. Each slice sees the whole state.
 */
export function createChecklistStore(
  api: RdpRepairApi,
  settings: SettingsStorage | null = null,
): StoreApi<ChecklistState> {
  const deps = { api, settings };
  return createStore<ChecklistState>()((...a) => ({
    ...createStartupSlice(deps)(...a),
    ...createResultsSlice(deps)(...a),
    ...createApplySlice(deps)(...a),
    ...createUndoSlice(deps)(...a),
    ...createHistorySlice(deps)(...a),
  }));
}
