import { Field, makeStyles, mergeClasses, ProgressBar, tokens } from '@fluentui/react-components';
import { ArrowSyncCircleRegular, CheckmarkCircleFilled, CircleRegular } from '@fluentui/react-icons';
import type { ScanProgress, ScanStepState } from '../../../shared/scan-progress.js';
import { useChecklist } from '../stores/stores.js';
import { format, strings } from '../strings.js';
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
});

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
    </section>
  );
}
