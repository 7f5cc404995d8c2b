import { Button, makeStyles, Text, tokens } from '@fluentui/react-components';
import { WrenchRegular } from '@fluentui/react-icons';
import { type RefObject, useEffect, useRef } from 'react';
import type { Finding, RepairId } from '../../../shared/findings.js';
import type { ScanReport } from '../../../shared/ipc.js';
import { cardChangeState, fixAllCounts } from '../stores/change-selection.js';
import { useChecklist, useHandoff } from '../stores/stores.js';
import { format, strings } from '../strings.js';
import { ChecklistCard } from './ChecklistCard.js';
import { ChecklistNextSteps, ChecklistProgress, IncomingChecks, PassedChecks } from './ChecklistSections.js';
import { ConfirmDialog } from './ConfirmDialog.js';
import { type CardOrder, forThisConnection, orderCards, summaryKind } from './card-order.js';
import { HandoffDialog } from './HandoffDialog.js';
import { usePageSectionStyles } from './page-section-styles.js';
import { ChecklistVerdict, useRemoteTitle } from './RemoteChecklist.js';
import { isHandoffSide } from './VerdictPanel.js';

const useStyles = makeStyles({
  heading: { margin: 0, fontSize: tokens.fontSizeBase500, lineHeight: tokens.lineHeightBase500 },
});

/** Whether the user did something to a card since the check: fixed, undone or marked done. */
function useTouched(): (id: RepairId) => boolean {
  const applied = useChecklist((s) => s.applied);
  const manualDone = useChecklist((s) => s.manualDone);
  const runChanges = useChecklist((s) => s.runChanges);
  const changeStates = useChecklist((s) => s.changeStates);
  return (id) =>
    (applied[id]?.length ?? 0) > 0 ||
    manualDone[id] === true ||
    cardChangeState(runChanges, changeStates, id) !== null;
}

/** The cards to show and the passed checks folded apart, in the order card-order.ts gives. */
function useCardOrder(scan: ScanReport | null, touched: (id: RepairId) => boolean): CardOrder | null {
  // The user's own last check (an apply or an undo refreshes the results but keeps this time).
  const checkedAt = useChecklist((s) => s.lastChecked?.checkedAt ?? '');
  // The cards' order as last shown for this check: a refresh after a fix or an undo keeps it (card-order.ts).
  const shownOrder = useRef<{ key: string; ids: RepairId[] } | null>(null);
  if (!scan) return null;
  const orderKey = `${scan.host}|${checkedAt}`;
  const previous = shownOrder.current?.key === orderKey ? shownOrder.current.ids : [];
  const order = orderCards(scan.findings, touched, scan.verdict.side, previous);
  // Idempotent for the same results, so a second render (React's strict mode) writes the same order again.
  shownOrder.current = { key: orderKey, ids: order.shown.map((finding) => finding.repairId) };
  return order;
}

/** What the results are for: the computer checked, or this PC as the computer others connect to. */
function checklistTitle(scan: ScanReport): string {
  return scan.question === 'incoming'
    ? strings.checklist.headingThisPc
    : format(strings.checklist.heading, { host: scan.host });
}

/** The results' heading, which takes focus after each check, and Fix all beside it. */
function ChecklistHeading({
  title,
  count,
  headingRef,
}: {
  title: string;
  count: number;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const styles = useStyles();
  const section = usePageSectionStyles();
  const busy = useChecklist((s) => s.activity !== 'idle');
  const requestApplyAll = useChecklist((s) => s.requestApplyAll);
  // Another computer through PowerShell remoting is named as such (RemoteChecklist.tsx).
  const remoteTitle = useRemoteTitle();
  return (
    <div className={section.header}>
      <h2 id="checklist-heading" className={styles.heading} ref={headingRef} tabIndex={-1}>
        {remoteTitle ?? title}
      </h2>
      {count > 0 && (
        <Button
          appearance="primary"
          size="large"
          icon={<WrenchRegular />}
          disabledFocusable={busy}
          onClick={requestApplyAll}
        >
          {format(strings.checklist.applyAll, { count })}
        </Button>
      )}
    </div>
  );
}

export function Checklist() {
  const section = usePageSectionStyles();
  const scan = useChecklist((s) => s.scan);
  const confirm = useChecklist((s) => s.confirm);
  const closeConfirm = useChecklist((s) => s.closeConfirm);
  const confirmApply = useChecklist((s) => s.confirmApply);
  const scanSerial = useChecklist((s) => s.scanSerial);
  const showHandoff = useHandoff((s) => s.show);
  const touched = useTouched();
  const order = useCardOrder(scan, touched);
  const headingRef = useRef<HTMLHeadingElement>(null);
  // Each finished check hands focus to its results, so keyboard and screen-reader users land on the answer.
  useEffect(() => {
    if (scanSerial > 0) headingRef.current?.focus();
  }, [scanSerial]);

  if (!scan || !order) return null;
  const side = scan.verdict.side;
  const host = scan.host;
  const handoff = isHandoffSide(side) ? () => void showHandoff(host) : undefined;
  // What the dialog's default button makes: the changes of problems that can be undone (suggestions and what
  // cannot be undone wait there unticked), so "Fix all (N)" and "Make N changes" are one number.
  const fix = fixAllCounts(scan);
  const count = fix.made;
  const summary = format(
    strings.checklist.summary[summaryKind(forThisConnection(scan.findings), side, fix)],
    {
      count,
    },
  );
  const renderCard = (finding: Finding) => (
    <li key={finding.repairId}>
      <ChecklistCard finding={finding} side={side} touched={touched(finding.repairId)} />
    </li>
  );

  return (
    <section className={section.root} aria-labelledby="checklist-heading">
      <ChecklistHeading title={checklistTitle(scan)} count={count} headingRef={headingRef} />
      <ChecklistVerdict scan={scan} onHandoff={handoff} />
      <Text>{summary}</Text>
      <ChecklistProgress />
      <ChecklistNextSteps onHandoff={handoff} />
      <ul className={section.cards}>{order.shown.map(renderCard)}</ul>
      <PassedChecks passed={order.passed} renderCard={renderCard} />
      <IncomingChecks incoming={order.incoming} renderCard={renderCard} />
      <HandoffDialog />
      <ConfirmDialog
        request={confirm}
        onCancel={closeConfirm}
        onConfirm={(choice) => void confirmApply(choice)}
      />
    </section>
  );
}
