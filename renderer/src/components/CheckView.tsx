import { Suspense } from 'react';
import { useChecklist } from '../stores/stores.js';
import { strings } from '../strings.js';
import styles from './CheckView.module.css';
import { HostForm } from './HostForm.js';
import { LazyChecklist, LazyScanProgressPanel } from './lazy-views.js';
import { NoticeBar } from './NoticeBar.js';

/** Start screen and, once scanned, the checklist below it: one page, like a Windows troubleshooter. */
export function CheckView() {
  const notice = useChecklist((s) => s.notice);
  const hasScan = useChecklist((s) => s.scan !== null);
  const scanning = useChecklist((s) => s.activity === 'scanning');
  return (
    <div className={styles.root}>
      <div className={styles.intro}>
        <h1 className={styles.headline}>{strings.start.headline}</h1>
        <p className={styles.introText}>{strings.start.intro}</p>
      </div>
      <HostForm />
      {scanning && (
        <Suspense fallback={null}>
          <LazyScanProgressPanel />
        </Suspense>
      )}
      <NoticeBar notice={notice} />
      {hasScan && (
        <Suspense fallback={null}>
          <LazyChecklist />
        </Suspense>
      )}
    </div>
  );
}
