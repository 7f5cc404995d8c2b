import type { Finding, RepairId } from '../../../shared/findings.js';
import type { SystemTool } from '../../../shared/ipc.js';
import type { VerdictSide } from '../../../shared/verdict.js';
import { cardChangeState, changesFor, FIXABLE_STATUSES } from '../stores/change-selection.js';
import { useChecklist } from '../stores/stores.js';
import { strings } from '../strings.js';
import { cardActions } from './card-actions.js';
import { cardStatus, cardTitle, PASSED } from './card-status.js';
import { RepairCard } from './RepairCard.js';

/** The Windows settings a "do this yourself" card points at, opened from the card. */
const MANUAL_TOOLS: Partial<Record<RepairId, { tool: SystemTool; label: string }>> = {
  vpn: { tool: 'vpn-settings', label: strings.checklist.openVpnSettings },
  'security-software': { tool: 'windows-security', label: strings.checklist.openWindowsSecurity },
};

export interface ChecklistCardProps {
  finding: Finding;
  side: VerdictSide;
  /** The user did something to this card since the check (fixed, undone, marked done). */
  touched: boolean;
}

/** One finding of the check as its card, wired to the checklist store: Fix, Undo, "I did this", its tool. */
export function ChecklistCard({ finding, side, touched }: ChecklistCardProps) {
  const scan = useChecklist((s) => s.scan);
  const titles = useChecklist((s) => s.titles);
  const activity = useChecklist((s) => s.activity);
  const runChanges = useChecklist((s) => s.runChanges);
  const changeStates = useChecklist((s) => s.changeStates);
  const applied = useChecklist((s) => s.applied);
  const manualDone = useChecklist((s) => s.manualDone);
  const requestFix = useChecklist((s) => s.requestFix);
  const undoRepair = useChecklist((s) => s.undoRepair);
  const setManualDone = useChecklist((s) => s.setManualDone);
  const runScan = useChecklist((s) => s.runScan);
  const openTool = useChecklist((s) => s.openTool);

  const { repairId } = finding;
  const changes = changesFor(scan?.changes ?? [], repairId);
  const manualTool = MANUAL_TOOLS[repairId];
  const status = cardStatus(finding, side);
  return (
    <RepairCard
      title={cardTitle({
        status,
        touched,
        actionTitle: titles[repairId],
        checkedTitle: strings.checklist.checked[repairId],
      })}
      finding={finding}
      status={status}
      changes={changes}
      actions={cardActions({
        canFix: changes.length > 0 && FIXABLE_STATUSES.includes(finding.status),
        passed: PASSED.includes(status),
        appliedIds: (applied[repairId] ?? []).flatMap((entry) => entry.changeIds),
        runState: cardChangeState(runChanges, changeStates, repairId),
        runChanges: runChanges.filter((change) => change.repairId === repairId),
        states: changeStates,
      })}
      busy={activity !== 'idle'}
      manualDone={manualDone[repairId] === true}
      onFix={() => void requestFix(repairId)}
      onUndo={() => void undoRepair(repairId)}
      onManualDone={(done) => setManualDone(repairId, done)}
      onCheckAgain={() => void runScan()}
      {...(manualTool
        ? { tool: { label: manualTool.label, open: () => void openTool(manualTool.tool) } }
        : {})}
    />
  );
}
