import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import {
  ArrowClockwiseRegular,
  ArrowUndoRegular,
  ChatHelpRegular,
  DesktopArrowRightRegular,
  MailRegular,
} from '@fluentui/react-icons';
import { useEffect, useRef } from 'react';
import type { ConnectionTest } from '../../../shared/ipc.js';
import type { Notice } from '../stores/checklist-types.js';
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
  subheading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    ':focus-visible': { outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}` },
  },
  next: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: tokens.spacingVerticalS },
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
  /** Absent for the incoming question: Remote Desktop Connection from this PC to itself tests nothing. */
  onTestConnection?: () => void;
  onUndoRun(): void;
  onAnswer(answer: ConnectionTest): void;
  /** After "No, it did not": the next step, check again or get help (issue 27). */
  onCheckAgain(): void;
  onGetHelp(): void;
  /** The fault is on the remote computer or on the way: the next step is the page for its administrator. */
  onHandoff?: () => void;
}

/**
 * After "No, it did not": what to try next, with focus moved to it (as Windows' Get Help moves on to its next
 * question), so a keyboard or screen-reader user is not left on a button that has gone.
 */
function TryNext({
  busy,
  onCheckAgain,
  onGetHelp,
  onHandoff,
}: {
  busy: boolean;
  onCheckAgain(): void;
  onGetHelp(): void;
  onHandoff?: (() => void) | undefined;
}) {
  const styles = useStyles();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <section className={styles.next} aria-labelledby="try-next-heading">
      <h3 id="try-next-heading" className={styles.subheading} ref={heading} tabIndex={-1}>
        {strings.result.nextHeading}
      </h3>
      <Text>{onHandoff ? strings.result.nextTextHandoff : strings.result.nextText}</Text>
      <div className={styles.actions}>
        <Button
          appearance="primary"
          icon={<ArrowClockwiseRegular />}
          disabledFocusable={busy}
          onClick={onCheckAgain}
        >
          {strings.result.checkAgain}
        </Button>
        {onHandoff ? (
          <Button icon={<MailRegular />} onClick={onHandoff}>
            {strings.handoff.send}
          </Button>
        ) : (
          <Button icon={<ChatHelpRegular />} onClick={onGetHelp}>
            {strings.result.getHelp}
          </Button>
        )}
      </div>
    </section>
  );
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
  onCheckAgain,
  onGetHelp,
  onHandoff,
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
        {onTestConnection && (
          <Button
            // Once answered "No", the next step below is the one primary action.
            appearance={connectionTest === 'not-connected' ? 'secondary' : 'primary'}
            icon={<DesktopArrowRightRegular />}
            disabledFocusable={busy}
            onClick={onTestConnection}
          >
            {strings.result.testConnection}
          </Button>
        )}
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
      {connectionTest === 'connected' && <Text role="status">{strings.result.answeredConnected}</Text>}
      {connectionTest === 'not-connected' && (
        <TryNext busy={busy} onCheckAgain={onCheckAgain} onGetHelp={onGetHelp} onHandoff={onHandoff} />
      )}
    </section>
  );
}
