import { makeStyles, Text, tokens } from '@fluentui/react-components';
import { Suspense } from 'react';
import { useChecklist } from '../stores/stores.js';
import { strings } from '../strings.js';
import { HostForm } from './HostForm.js';
import { LazyChecklist } from './lazy-views.js';
import { NoticeBar } from './NoticeBar.js';

const useStyles = makeStyles({
  root: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: tokens.spacingVerticalL },
  intro: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: tokens.spacingVerticalS },
  headline: { margin: 0, fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600 },
});

/** Start screen and, once scanned, the checklist below it: one page, like a Windows troubleshooter. */
export function CheckView() {
  const styles = useStyles();
  const notice = useChecklist((s) => s.notice);
  const hasScan = useChecklist((s) => s.scan !== null);
  return (
    <div className={styles.root}>
      <div className={styles.intro}>
        <h1 className={styles.headline}>{strings.start.headline}</h1>
        <Text>{strings.start.intro}</Text>
      </div>
      <HostForm />
      <NoticeBar notice={notice} />
      {hasScan && (
        <Suspense fallback={null}>
          <LazyChecklist />
        </Suspense>
      )}
    </div>
  );
}
