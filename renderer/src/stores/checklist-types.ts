import type { RepairId } from '../../../shared/findings.js';
import type { ApplyReport, ChangeView } from '../../../shared/ipc.js';

/** The types the checklist store shares with the views and the other stores. */

export type ChangeState = ApplyReport['changes'][number]['state'];
export type Activity = 'idle' | 'scanning' | 'applying' | 'undoing';

export interface Notice {
  intent: 'success' | 'info' | 'warning' | 'error';
  text: string;
}

/** What one apply run changed for one repair, so that card can undo exactly that. */
export interface AppliedChanges {
  runId: string;
  changeIds: string[];
}

/** The confirmation that stands before every apply with consent to give: all changes, or one card's. */
export interface ConfirmRequest {
  repairId: RepairId | null;
  changes: ChangeView[];
  /** Fix all only: changes of suggestions, offered unticked (no evidence says they are needed). */
  suggestions: ChangeView[];
}

export interface ApplyChoice {
  allowIrreversible: string[];
  /** Suggestions the user ticked. */
  includeSuggestions: string[];
  restorePoint: boolean;
}
