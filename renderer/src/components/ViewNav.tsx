import { ChatHelpRegular, HistoryRegular, WrenchRegular } from '@fluentui/react-icons';
import type { ReactElement } from 'react';
import type { View } from '../stores/navigation-store.js';
import { useNavigation } from '../stores/stores.js';
import { strings } from '../strings.js';
import { StartButton } from './StartButton.js';
import styles from './ViewNav.module.css';

const ITEMS: readonly { view: View; label: string; icon: ReactElement }[] = [
  { view: 'check', label: strings.nav.check, icon: <WrenchRegular /> },
  { view: 'history', label: strings.nav.history, icon: <HistoryRegular /> },
  { view: 'help', label: strings.nav.help, icon: <ChatHelpRegular /> },
];

/*
 * The app's three pages as a navigation landmark of buttons, the current one marked with aria-current, as in
 * the Windows Settings app. A TabList would load Fluent's arrow-key focus manager before the start screen
 * could be used, and these buttons switch whole pages rather than panels of one page.
 */
export function ViewNav() {
  const view = useNavigation((s) => s.view);
  const go = useNavigation((s) => s.go);
  return (
    <nav className={styles.nav} aria-label={strings.nav.label}>
      <ul className={styles.list}>
        {ITEMS.map((item) => {
          const current = item.view === view;
          return (
            <li key={item.view}>
              <StartButton
                className={current ? `${styles.item} ${styles.current}` : styles.item}
                appearance="subtle"
                icon={item.icon}
                aria-current={current ? 'page' : undefined}
                onClick={() => go(item.view)}
              >
                {item.label}
              </StartButton>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
