import { lazy } from 'react';

/*
 * Everything the start screen does not show loads in its own chunk, so the first screen is interactive
 * sooner; `prefetchLazyViews` fetches them once the start screen is up, before the user needs them.
 */
const loadChecklist = () => import('./Checklist.js').then((m) => ({ default: m.Checklist }));
const loadHistory = () => import('./HistoryView.js').then((m) => ({ default: m.HistoryView }));
const loadHelp = () => import('./HelpView.js').then((m) => ({ default: m.HelpView }));
const loadRecovery = () => import('./RecoveryDialog.js').then((m) => ({ default: m.RecoveryDialog }));

export const LazyChecklist = lazy(loadChecklist);
export const LazyHistoryView = lazy(loadHistory);
export const LazyHelpView = lazy(loadHelp);
export const LazyRecoveryDialog = lazy(loadRecovery);

export function prefetchLazyViews(): void {
  for (const load of [loadChecklist, loadHistory, loadHelp, loadRecovery]) void load();
}
