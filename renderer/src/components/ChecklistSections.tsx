import { Button, makeStyles, Text } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronRightRegular } from '@fluentui/react-icons';
import { type ReactNode, useId, useState } from 'react';
import type { Finding } from '../../../shared/findings.js';
import { useChecklist, useNavigation } from '../stores/stores.js';
import { format, strings } from '../strings.js';
import { ApplyProgressPanel } from './ApplyProgressPanel.js';
import { NextSteps } from './NextSteps.js';
import { usePageSectionStyles } from './page-section-styles.js';

/*
 * The parts of the checklist page below its summary: the running apply, the next steps, the passed checks, and
 * what is for people who connect to this PC.
 */

const useStyles = makeStyles({
  passedToggle: { justifySelf: 'start' },
});

/** The running apply's bar, with Cancel; nothing while no apply runs. */
export function ChecklistProgress() {
  const activity = useChecklist((s) => s.activity);
  const progress = useChecklist((s) => s.progress);
  const cancelRequested = useChecklist((s) => s.cancelRequested);
  const cancelApply = useChecklist((s) => s.cancelApply);
  if (activity !== 'applying') return null;
  return (
    <ApplyProgressPanel
      progress={progress}
      cancelRequested={cancelRequested}
      onCancel={() => void cancelApply()}
    />
  );
}

/** What to do after an apply that changed something: test the connection, undo the run, check again, get help. */
export function ChecklistNextSteps({ onHandoff }: { onHandoff: (() => void) | undefined }) {
  const activity = useChecklist((s) => s.activity);
  const nextSteps = useChecklist((s) => s.nextSteps);
  const lastRun = useChecklist((s) => s.lastRun);
  const applied = useChecklist((s) => s.applied);
  const mstscNotice = useChecklist((s) => s.mstscNotice);
  const connectionAsked = useChecklist((s) => s.connectionAsked);
  const connectionTest = useChecklist((s) => s.connectionTest);
  const answerConnection = useChecklist((s) => s.answerConnection);
  const testConnection = useChecklist((s) => s.testConnection);
  const undoLastRun = useChecklist((s) => s.undoLastRun);
  const runScan = useChecklist((s) => s.runScan);
  const runThisPcCheck = useChecklist((s) => s.runThisPcCheck);
  const incoming = useChecklist((s) => s.scan?.question === 'incoming');
  const go = useNavigation((s) => s.go);
  if (!nextSteps || activity === 'applying') return null;
  const lastRunId = lastRun?.runId ?? null;
  const canUndoRun =
    lastRunId !== null &&
    Object.values(applied).some((entries) => entries?.some((e) => e.runId === lastRunId));
  return (
    <NextSteps
      steps={nextSteps}
      canUndoRun={canUndoRun}
      busy={activity !== 'idle'}
      mstscNotice={mstscNotice}
      connectionAsked={connectionAsked}
      connectionTest={connectionTest}
      onAnswer={(answer) => answerConnection(answer)}
      {...(incoming ? {} : { onTestConnection: () => void testConnection() })}
      onUndoRun={() => void undoLastRun()}
      onCheckAgain={() => void (incoming ? runThisPcCheck() : runScan())}
      onGetHelp={() => go('help')}
      {...(onHandoff ? { onHandoff } : {})}
    />
  );
}

/** Cards folded behind one line that opens them (the passed checks; what is for people who connect here). */
function FoldedCards({
  testId,
  label,
  intro,
  cards,
  renderCard,
}: {
  testId: string;
  label: string;
  intro?: string;
  cards: readonly Finding[];
  renderCard: (finding: Finding) => ReactNode;
}) {
  const styles = useStyles();
  const section = usePageSectionStyles();
  const [open, setOpen] = useState(false);
  const listId = useId();
  if (cards.length === 0) return null;
  return (
    <>
      <Button
        className={styles.passedToggle}
        data-testid={testId}
        appearance="subtle"
        icon={open ? <ChevronDownRegular /> : <ChevronRightRegular />}
        aria-expanded={open}
        aria-controls={open ? listId : undefined}
        onClick={() => setOpen(!open)}
      >
        {label}
      </Button>
      {open && !intro && (
        <ul id={listId} className={section.cards}>
          {cards.map(renderCard)}
        </ul>
      )}
      {open && intro && (
        <div id={listId} className={section.cards}>
          <Text>{intro}</Text>
          <ul className={section.cards}>{cards.map(renderCard)}</ul>
        </div>
      )}
    </>
  );
}

/** The checks that passed, folded into one line that opens their cards. */
export function PassedChecks({
  passed,
  renderCard,
}: {
  passed: readonly Finding[];
  renderCard: (finding: Finding) => ReactNode;
}) {
  const label =
    passed.length === 1
      ? strings.checklist.passedOne
      : format(strings.checklist.passedMany, { count: passed.length });
  return <FoldedCards testId="passed-toggle" label={label} cards={passed} renderCard={renderCard} />;
}

/** This PC's own listener while another computer was checked: folded apart, under what it is for. */
export function IncomingChecks({
  incoming,
  renderCard,
}: {
  incoming: readonly Finding[];
  renderCard: (finding: Finding) => ReactNode;
}) {
  return (
    <FoldedCards
      testId="incoming-toggle"
      label={format(strings.checklist.incomingToggle, { count: incoming.length })}
      intro={strings.checklist.incomingIntro}
      cards={incoming}
      renderCard={renderCard}
    />
  );
}
