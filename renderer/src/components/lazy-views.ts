import { type ComponentType, lazy } from 'react';
import { completeFluentStylesheet } from '../theme/fluent-stylesheets.js';

/*
 * Everything the start screen does not show loads in its own chunk, so the first screen is interactive
 * sooner; `prefetchLazyViews` fetches them once the start screen is up, before the user needs them. Each
 * view also waits for the stylesheet with the styles of the Fluent components it brings.
 */
function loader<T, P>(load: () => Promise<T>, pick: (module: T) => ComponentType<P>) {
  return () =>
    Promise.all([load(), completeFluentStylesheet()]).then(([module]) => ({ default: pick(module) }));
}

const loadChecklist = loader(
  () => import('./Checklist.js'),
  (m) => m.Checklist,
);
const loadHistory = loader(
  () => import('./HistoryView.js'),
  (m) => m.HistoryView,
);
const loadHelp = loader(
  () => import('./HelpView.js'),
  (m) => m.HelpView,
);
const loadScanProgress = loader(
  () => import('./ScanProgressPanel.js'),
  (m) => m.ScanProgressPanel,
);
const loadMessageBars = () => import('./MessageBars.js');
const loadNoticeMessage = loader(loadMessageBars, (m) => m.NoticeMessage);
const loadSimulatedMessage = loader(loadMessageBars, (m) => m.SimulatedMessage);
const loadRecovery = loader(
  () => import('./RecoveryDialog.js'),
  (m) => m.RecoveryDialog,
);

export const LazyChecklist = lazy(loadChecklist);
export const LazyHistoryView = lazy(loadHistory);
export const LazyHelpView = lazy(loadHelp);
export const LazyRecoveryDialog = lazy(loadRecovery);
export const LazyScanProgressPanel = lazy(loadScanProgress);
export const LazyNoticeMessage = lazy(loadNoticeMessage);
export const LazySimulatedMessage = lazy(loadSimulatedMessage);

export function prefetchLazyViews(): void {
  for (const load of [loadMessageBars, loadChecklist, loadScanProgress, loadHistory, loadHelp, loadRecovery])
    void load();
}
