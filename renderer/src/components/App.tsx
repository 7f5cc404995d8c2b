import { FluentProvider } from '@fluentui/react-components';
import { type ComponentType, Suspense, useEffect, useRef } from 'react';
import type { View } from '../stores/navigation-store.js';
import { useNavigation, useRecovery } from '../stores/stores.js';
import { strings } from '../strings.js';
import { STYLESHEET_THEME } from '../theme/stylesheet-theme.js';
import styles from './App.module.css';
import { CheckView } from './CheckView.js';
import { LiveRegion } from './LiveRegion.js';
import { LazyHelpView, LazyHistoryView, LazyRecoveryDialog, prefetchLazyViews } from './lazy-views.js';
import { NoticeBar } from './NoticeBar.js';
import { SimulatedBanner } from './SimulatedBanner.js';
import { ViewNav } from './ViewNav.js';

const VIEWS: Record<View, ComponentType> = {
  check: CheckView,
  history: LazyHistoryView,
  help: LazyHelpView,
};

export function App() {
  const view = useNavigation((s) => s.view);
  const recoveryNotice = useRecovery((s) => s.notice);
  const Current = VIEWS[view];
  const hasPending = useRecovery((s) => s.pending.length > 0);
  // Once shown, the recovery dialog stays mounted so it can close (and restore focus) properly.
  const recoveryShown = useRef(false);
  if (hasPending) recoveryShown.current = true;
  useEffect(() => {
    const idle = window.setTimeout(prefetchLazyViews, 0);
    return () => window.clearTimeout(idle);
  }, []);
  return (
    <FluentProvider theme={STYLESHEET_THEME}>
      <div className={styles.shell}>
        <header className={styles.header}>
          <span className={styles.title}>{strings.appTitle}</span>
          <ViewNav />
        </header>
        <main className={styles.main}>
          <div className={styles.content}>
            <SimulatedBanner />
            <NoticeBar notice={recoveryNotice} />
            <Suspense fallback={null}>
              <Current />
            </Suspense>
          </div>
        </main>
        <LiveRegion />
        {recoveryShown.current && (
          <Suspense fallback={null}>
            <LazyRecoveryDialog />
          </Suspense>
        )}
      </div>
    </FluentProvider>
  );
}
