import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { ArrowUndoRegular, DesktopArrowRightRegular } from '@fluentui/react-icons';
import type { ConnectionTest } from '../../../shared/ipc.js';
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
  question: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    border: 'none',
    margin: 0,
    padding: 0,
  },
  // A legend does not take part in flex layout: floated, it sits on the line with the answers.
  legend: {
    float: 'left',
    padding: 0,
    marginRight: tokens.spacingHorizontalS,
    fontWeight: tokens.fontWeightSemibold,
  },
});

export interface NextStepsProps {
  steps: readonly string[];
  canUndoRun: boolean;
  busy: boolean;
  mstscNotice: Notice | null;
  /** Test connection opened Remote Desktop Connection: ask what happened, and say where it is recorded. */
  connectionAsked: boolean;
  connectionTest: ConnectionTest | null;
  onTestConnection(): void;
  onUndoRun(): void;
  onAnswer(answer: ConnectionTest): void;
}

export function NextSteps({
  steps,
  canUndoRun,
  busy,
  mstscNotice,
  connectionAsked,
  connectionTest,
  onTestConnection,
  onUndoRun,
  onAnswer,
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
      {connectionAsked && connectionTest === null && (
        <fieldset className={styles.question}>
          <legend className={styles.legend}>{strings.result.didItConnect}</legend>
          <Button onClick={() => onAnswer('connected')}>{strings.result.connected}</Button>
          <Button onClick={() => onAnswer('not-connected')}>{strings.result.notConnected}</Button>
        </fieldset>
      )}
      {connectionTest !== null && (
        <Text role="status">
          {connectionTest === 'connected'
            ? strings.result.answeredConnected
            : strings.result.answeredNotConnected}
        </Text>
      )}
    </section>
  );
}
