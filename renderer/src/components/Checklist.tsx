import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { ChevronDownRegular, ChevronRightRegular, WrenchRegular } from '@fluentui/react-icons';
import { useEffect, useId, useRef, useState } from 'react';
import type { Finding, RepairId } from '../../../shared/findings.js';
import type { SystemTool } from '../../../shared/ipc.js';
import { cardChangeState, changesFor, FIXABLE_STATUSES, fixAllCounts } from '../stores/change-selection.js';
import { useChecklist, useHandoff, useNavigation } from '../stores/stores.js';
import { format, strings } from '../strings.js';
import { ApplyProgressPanel } from './ApplyProgressPanel.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { cardActions } from './card-actions.js';
import { orderCards, summaryKind } from './card-order.js';
import { cardStatus, cardTitle, PASSED } from './card-status.js';
import { HandoffDialog } from './HandoffDialog.js';
import { NextSteps } from './NextSteps.js';
import { usePageSectionStyles } from './page-section-styles.js';
import { RepairCard } from './RepairCard.js';
import { isHandoffSide, VerdictPanel } from './VerdictPanel.js';

const useStyles = makeStyles({
  heading: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500 },
  passedToggle: { justifySelf: 'start' },
});

/** The Windows settings a "do this yourself" card points at, opened from the card. */
const MANUAL_TOOLS: Partial<Record<RepairId, { tool: SystemTool; label: string }>> = {
  vpn: { tool: 'vpn-settings', label: strings.checklist.openVpnSettings },
  'security-software': { tool: 'windows-security', label: strings.checklist.openWindowsSecurity },
};

export function Checklist() {
  const styles = useStyles();
  const section = usePageSectionStyles();
  const scan = useChecklist((s) => s.scan);
  const titles = useChecklist((s) => s.titles);
  const activity = useChecklist((s) => s.activity);
  const runChanges = useChecklist((s) => s.runChanges);
  const changeStates = useChecklist((s) => s.changeStates);
  const applied = useChecklist((s) => s.applied);
  const manualDone = useChecklist((s) => s.manualDone);
  const progress = useChecklist((s) => s.progress);
  const cancelRequested = useChecklist((s) => s.cancelRequested);
  const confirm = useChecklist((s) => s.confirm);
  const lastRun = useChecklist((s) => s.lastRun);
  const nextSteps = useChecklist((s) => s.nextSteps);
  const mstscNotice = useChecklist((s) => s.mstscNotice);
  const actions = useChecklist((s) => s);
  const scanSerial = useChecklist((s) => s.scanSerial);
  // The user's own last check (an apply or an undo refreshes the results but keeps this time).
  const checkedAt = useChecklist((s) => s.lastChecked?.checkedAt ?? '');
  const go = useNavigation((s) => s.go);
  const showHandoff = useHandoff((s) => s.show);
  const [passedOpen, setPassedOpen] = useState(false);
  // The cards' order as last shown for this check: a refresh after a fix or an undo keeps it (card-order.ts).
  const shownOrder = useRef<{ key: string; ids: RepairId[] } | null>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Each finished check hands focus to its results, so keyboard and screen-reader users land on the answer.
  useEffect(() => {
    if (scanSerial > 0) headingRef.current?.focus();
  }, [scanSerial]);
  const passedListId = useId();

  if (!scan) return null;
  const busy = activity !== 'idle';
  const side = scan.verdict.side;
  const host = scan.host;
  const handoff = isHandoffSide(side) ? () => void showHandoff(host) : undefined;
  const touched = (id: RepairId) =>
    (applied[id]?.length ?? 0) > 0 ||
    manualDone[id] === true ||
    cardChangeState(runChanges, changeStates, id) !== null;
  const orderKey = `${scan.host}|${checkedAt}`;
  const previous = shownOrder.current?.key === orderKey ? shownOrder.current.ids : [];
  const { shown, passed } = orderCards(scan.findings, touched, side, previous);
  // Idempotent for the same results, so a second render (React's strict mode) writes the same order again.
  shownOrder.current = { key: orderKey, ids: shown.map((finding) => finding.repairId) };
  // What the dialog's default button makes: the changes of problems that can be undone (suggestions and what
  // cannot be undone wait there unticked), so "Fix all (N)" and "Make N changes" are one number.
  const fix = fixAllCounts(scan);
  const count = fix.made;
  const summary = format(strings.checklist.summary[summaryKind(scan.findings, side, fix)], { count });
  const lastRunId = lastRun?.runId ?? null;
  const canUndoRun =
    lastRunId !== null &&
    Object.values(applied).some((entries) => entries?.some((e) => e.runId === lastRunId));

  function renderCard(finding: Finding) {
    const changes = changesFor(scan?.changes ?? [], finding.repairId);
    const manualTool = MANUAL_TOOLS[finding.repairId];
    const status = cardStatus(finding, side);
    return (
      <li key={finding.repairId}>
        <RepairCard
          title={cardTitle({
            status,
            touched: touched(finding.repairId),
            actionTitle: titles[finding.repairId],
            checkedTitle: strings.checklist.checked[finding.repairId],
          })}
          finding={finding}
          status={status}
          changes={changes}
          actions={cardActions({
            canFix: changes.length > 0 && FIXABLE_STATUSES.includes(finding.status),
            passed: PASSED.includes(status),
            appliedIds: (applied[finding.repairId] ?? []).flatMap((entry) => entry.changeIds),
            runState: cardChangeState(runChanges, changeStates, finding.repairId),
            runChanges: runChanges.filter((change) => change.repairId === finding.repairId),
            states: changeStates,
          })}
          busy={busy}
          manualDone={manualDone[finding.repairId] === true}
          onFix={() => void actions.requestFix(finding.repairId)}
          onUndo={() => void actions.undoRepair(finding.repairId)}
          onManualDone={(done) => actions.setManualDone(finding.repairId, done)}
          onCheckAgain={() => void actions.runScan()}
          {...(manualTool
            ? { tool: { label: manualTool.label, open: () => void actions.openTool(manualTool.tool) } }
            : {})}
        />
      </li>
    );
  }

  return (
    <section className={section.root} aria-labelledby="checklist-heading">
      <div className={section.header}>
        <h2 id="checklist-heading" className={styles.heading} ref={headingRef} tabIndex={-1}>
          {format(strings.checklist.heading, { host: scan.host })}
        </h2>
        {count > 0 && (
          <Button
            appearance="primary"
            size="large"
            icon={<WrenchRegular />}
            disabledFocusable={busy}
            onClick={actions.requestApplyAll}
          >
            {format(strings.checklist.applyAll, { count })}
          </Button>
        )}
      </div>
      <VerdictPanel verdict={scan.verdict} {...(handoff ? { onHandoff: handoff } : {})} />
      <Text>{summary}</Text>

      {activity === 'applying' && (
        <ApplyProgressPanel
          progress={progress}
          cancelRequested={cancelRequested}
          onCancel={() => void actions.cancelApply()}
        />
      )}

      {nextSteps && activity !== 'applying' && (
        <NextSteps
          steps={nextSteps}
          canUndoRun={canUndoRun}
          busy={busy}
          mstscNotice={mstscNotice}
          connectionAsked={actions.connectionAsked}
          connectionTest={actions.connectionTest}
          onAnswer={(answer) => actions.answerConnection(answer)}
          onTestConnection={() => void actions.testConnection()}
          onUndoRun={() => void actions.undoLastRun()}
          onCheckAgain={() => void actions.runScan()}
          onGetHelp={() => go('help')}
          {...(handoff ? { onHandoff: handoff } : {})}
        />
      )}

      <ul className={section.cards}>{shown.map(renderCard)}</ul>

      {passed.length > 0 && (
        <>
          <Button
            className={styles.passedToggle}
            data-testid="passed-toggle"
            appearance="subtle"
            icon={passedOpen ? <ChevronDownRegular /> : <ChevronRightRegular />}
            aria-expanded={passedOpen}
            aria-controls={passedOpen ? passedListId : undefined}
            onClick={() => setPassedOpen(!passedOpen)}
          >
            {passed.length === 1
              ? strings.checklist.passedOne
              : format(strings.checklist.passedMany, { count: passed.length })}
          </Button>
          {passedOpen && (
            <ul id={passedListId} className={section.cards}>
              {passed.map(renderCard)}
            </ul>
          )}
        </>
      )}

      <HandoffDialog />
      <ConfirmDialog
        request={confirm}
        onCancel={actions.closeConfirm}
        onConfirm={(choice) => void actions.confirmApply(choice)}
      />
    </section>
  );
}
