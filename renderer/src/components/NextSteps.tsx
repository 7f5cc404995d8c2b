import { Button, makeStyles, tokens } from '@fluentui/react-components';
import { ArrowUndoRegular, DesktopArrowRightRegular } from '@fluentui/react-icons';
import type { Notice } from '../stores/checklist-store.js';
import { strings } from '../strings.js';
import { NoticeBar } from './NoticeBar.js';

const useStyles = makeStyles({
  root: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

export interface NextStepsProps {
  steps: readonly string[];
  canUndoRun: boolean;
  busy: boolean;
  mstscNotice: Notice | null;
  onTestConnection(): void;
  onUndoRun(): void;
}

export function NextSteps({
  steps,
  canUndoRun,
  busy,
  mstscNotice,
  onTestConnection,
  onUndoRun,
}: NextStepsProps) {
  const styles = useStyles();
  return (
    <section className={styles.root} aria-labelledby="next-steps-heading">
      <h2 id="next-steps-heading" className={styles.heading}>
        {strings.result.heading}
      </h2>
      <ul className={styles.list}>
        {(steps.length > 0 ? steps : [strings.result.restartMstsc]).map((step) => (
          <li key={step}>{step}</li>
        ))}
      </ul>
      <div className={styles.actions}>
        <Button
          appearance="primary"
          icon={<DesktopArrowRightRegular />}
          disabledFocusable={busy}
          onClick={onTestConnection}
        >
          {strings.result.testConnection}
        </Button>
        {canUndoRun && (
          <Button icon={<ArrowUndoRegular />} disabledFocusable={busy} onClick={onUndoRun}>
            {strings.result.undoRun}
          </Button>
        )}
      </div>
      <NoticeBar notice={mstscNotice} />
    </section>
  );
}
