import {
  Button,
  Field,
  makeStyles,
  mergeClasses,
  ProgressBar,
  Text,
  tokens,
} from '@fluentui/react-components';
import {
  ArrowSyncCircleRegular,
  CheckmarkCircleFilled,
  CircleRegular,
  DismissRegular,
} from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { ScanProgress, ScanStepState } from '../../../shared/scan-progress.js';
import { useChecklist } from '../stores/stores.js';
import { format, strings } from '../strings.js';
import { CHECK_BUTTON_ID } from './HostForm.js';
import visuallyHidden from './VisuallyHidden.module.css';

const useStyles = makeStyles({
  root: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: tokens.spacingVerticalS },
  steps: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', gap: tokens.spacingVerticalXS },
  step: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  icon: { flexShrink: 0, fontSize: '20px' },
  done: { color: tokens.colorPaletteGreenForeground1 },
  running: {
    color: tokens.colorBrandForeground1,
    animationName: { from: { transform: 'rotate(0deg)' }, to: { transform: 'rotate(360deg)' } },
    animationDuration: '1.6s',
    animationTimingFunction: 'linear',
    animationIterationCount: 'infinite',
    '@media (prefers-reduced-motion: reduce)': { animationName: 'none' },
  },
  waiting: { color: tokens.colorNeutralForeground3 },
  cancelRow: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalM },
});

/** A check that is not done within this time offers Cancel: most checks end well before, a silent remote not. */
const CANCEL_AFTER_MS = 1500;

const ICONS: Record<ScanStepState, typeof CircleRegular> = {
  waiting: CircleRegular,
  running: ArrowSyncCircleRegular,
  done: CheckmarkCircleFilled,
};

/** Finished steps over all steps; undefined (a moving bar) until the first step is known. */
function fraction(progress: ScanProgress | null): number | undefined {
  if (!progress) return undefined;
  return progress.steps.filter((step) => step.state === 'done').length / progress.steps.length;
}

/** Only the remote computer is still being waited for: its one deadline (5 s) bounds what is left. */
function onlyRemoteLeft(progress: ScanProgress | null): boolean {
  const running = progress?.steps.filter((step) => step.state !== 'done') ?? [];
  return running.length === 1 && running[0]?.id === 'talk-to-remote';
}

/** After a moment: Cancel (the check changes nothing, so stopping is safe) and when the check will end. */
function CancelCheck({ progress, host }: { progress: ScanProgress | null; host: string }) {
  const styles = useStyles();
  const cancelScan = useChecklist((s) => s.cancelScan);
  const [offered, setOffered] = useState(false);
  useEffect(() => {
    const timer = window.setTimeout(() => setOffered(true), CANCEL_AFTER_MS);
    return () => window.clearTimeout(timer);
  }, []);
  if (!offered) return null;
  const cancel = () => {
    cancelScan();
    // This panel goes away with the check: focus goes back to the button that starts one.
    document.getElementById(CHECK_BUTTON_ID)?.focus();
  };
  return (
    <div className={styles.cancelRow}>
      <Button icon={<DismissRegular />} onClick={cancel}>
        {strings.scanProgress.cancel}
      </Button>
      {onlyRemoteLeft(progress) && <Text>{format(strings.scanProgress.endsSoon, { host })}</Text>}
    </div>
  );
}

/** While a check runs: the steps the engine reports, each with its state, and a bar over them. */
export function ScanProgressPanel() {
  const styles = useStyles();
  const progress = useChecklist((s) => s.scanProgress);
  const typed = useChecklist((s) => s.hostInput.trim());
  const host = progress?.host ?? typed;
  return (
    <section className={styles.root} aria-label={format(strings.scanProgress.label, { host })}>
      <Field label={format(strings.scanProgress.label, { host })}>
        <ProgressBar value={fraction(progress)} thickness="large" />
      </Field>
      {progress && (
        <ol className={styles.steps} data-testid="scan-steps">
          {progress.steps.map((step) => {
            const Icon = ICONS[step.state];
            return (
              <li key={step.id} className={styles.step} data-state={step.state}>
                <Icon className={mergeClasses(styles.icon, styles[step.state])} aria-hidden />
                <span>{format(strings.scanProgress.steps[step.id], { host: progress.host })}</span>
                <span
                  className={visuallyHidden.hidden}
                >{`, ${strings.scanProgress.states[step.state]}`}</span>
              </li>
            );
          })}
        </ol>
      )}
      <CancelCheck progress={progress} host={host} />
    </section>
  );
}
