import { FluentProvider, Tab, TabList, Text } from '@fluentui/react-components';
import { ChatHelpRegular, HistoryRegular, WrenchRegular } from '@fluentui/react-icons';
import { type ComponentType, Suspense, useEffect, useRef } from 'react';
import type { View } from '../stores/navigation-store.js';
import { useNavigation, useRecovery } from '../stores/stores.js';
import { strings } from '../strings.js';
import { THEMES, useSystemTheme } from '../theme/use-system-theme.js';
import styles from './App.module.css';
import { CheckView } from './CheckView.js';
import { LiveRegion } from './LiveRegion.js';
import { LazyHelpView, LazyHistoryView, LazyRecoveryDialog, prefetchLazyViews } from './lazy-views.js';
import { NoticeBar } from './NoticeBar.js';
import { SimulatedBanner } from './SimulatedBanner.js';

const VIEWS: Record<View, ComponentType> = {
  check: CheckView,
  history: LazyHistoryView,
  help: LazyHelpView,
};

export function App() {
  const themeName = useSystemTheme();
  const view = useNavigation((s) => s.view);
  const go = useNavigation((s) => s.go);
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
    <FluentProvider theme={THEMES[themeName]} data-theme={themeName}>
      <div className={styles.shell}>
        <header className={styles.header}>
          <Text weight="semibold">{strings.appTitle}</Text>
          <nav className={styles.nav} aria-label={strings.nav.label}>
            <TabList selectedValue={view} onTabSelect={(_event, data) => go(data.value as View)}>
              <Tab value="check" icon={<WrenchRegular />}>
                {strings.nav.check}
              </Tab>
              <Tab value="history" icon={<HistoryRegular />}>
                {strings.nav.history}
              </Tab>
              <Tab value="help" icon={<ChatHelpRegular />}>
                {strings.nav.help}
              </Tab>
            </TabList>
          </nav>
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
