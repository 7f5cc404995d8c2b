import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Card,
  Checkbox,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import { ArrowClockwiseRegular, ArrowUndoRegular, OpenRegular, WrenchRegular } from '@fluentui/react-icons';
import { useId } from 'react';
import type { Finding } from '../../../shared/findings.js';
import type { ChangeView } from '../../../shared/ipc.js';
import type { ChangeState } from '../stores/checklist-types.js';
import { format, strings } from '../strings.js';
import { ChangeList } from './ChangeList.js';
import type { CardActions } from './card-actions.js';
import type { CardStatus } from './card-status.js';
import { PowerShellPreview } from './PowerShellPreview.js';
import { StatusLabel } from './StatusLabel.js';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalM, gap: tokens.spacingVerticalS, minWidth: 0 },
  top: { display: 'flex', alignItems: 'flex-start', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  heading: {
    margin: 0,
    flex: '1 1 240px',
    minWidth: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
  },
  summary: { display: 'block' },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  runState: { color: tokens.colorNeutralForeground2 },
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  panel: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalM,
    paddingBottom: tokens.spacingVerticalS,
  },
  subheading: { margin: `0 0 ${tokens.spacingVerticalXS}`, fontSize: tokens.fontSizeBase300 },
  evidence: {
    display: 'grid',
    gridTemplateColumns: 'minmax(100px, max-content) minmax(0, 1fr)',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXXS,
    margin: 0,
  },
  pair: { display: 'contents' },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  // Fluent draws an unticked checkbox's label in a grey that reads as disabled: full contrast instead.
  checkLabel: { color: tokens.colorNeutralForeground1 },
});

const RUN_STATE_TEXT: Record<ChangeState, string> = {
  pending: strings.checklist.waiting,
  running: strings.checklist.running,
  done: strings.checklist.fixed,
  failed: strings.checklist.failed,
  skipped: strings.checklist.skipped,
  'rolled-back': strings.checklist.rolledBack,
  undone: strings.checklist.undone,
};

export interface RepairCardProps {
  title: string;
  finding: Finding;
  /** The status the card shows (card-status.ts): the finding's, or "Earlier" for past events. */
  status: CardStatus;
  changes: readonly ChangeView[];
  /** What the card offers and says about the last run (card-actions.ts): one state at a time. */
  actions: CardActions;
  busy: boolean;
  manualDone: boolean;
  /** A "do this yourself" card's Windows settings page, opened by a button. */
  tool?: { label: string; open(): void };
  onFix(): void;
  onUndo(): void;
  onManualDone(done: boolean): void;
  onCheckAgain(): void;
}

export function RepairCard(props: RepairCardProps) {
  const { title, finding, status, changes } = props;
  const styles = useStyles();
  const headingId = useId();
  return (
    <Card className={styles.card} aria-labelledby={headingId} role="group" data-repair={finding.repairId}>
      <div className={styles.top}>
        <h3 id={headingId} className={styles.heading}>
          {title}
        </h3>
        <StatusLabel status={status} />
      </div>
      <Text className={styles.summary}>{finding.summary}</Text>
      <ManualSteps finding={finding} />
      <CardButtons {...props} headingId={headingId} />
      <CardDetails title={title} finding={finding} changes={changes} />
    </Card>
  );
}

/** A "do this yourself" card's steps, numbered. */
function ManualSteps({ finding }: { finding: Finding }) {
  const styles = useStyles();
  if (finding.status !== 'manual' || finding.instructions.length === 0) return null;
  return (
    <ol className={styles.steps} aria-label={strings.checklist.instructions}>
      {finding.instructions.map((step) => (
        <li key={step}>{step}</li>
      ))}
    </ol>
  );
}

/** What the card offers (one state at a time, card-actions.ts) and what its last run did. */
function CardButtons(props: RepairCardProps & { headingId: string }) {
  const { title, finding, actions, busy, manualDone, headingId } = props;
  const styles = useStyles();
  return (
    <div className={styles.actions}>
      {actions.fix && (
        <Button
          appearance="primary"
          icon={<WrenchRegular />}
          disabledFocusable={busy}
          aria-label={format(strings.checklist.fixCard, { title })}
          onClick={props.onFix}
        >
          {strings.checklist.fix}
        </Button>
      )}
      {actions.undo && (
        <Button
          icon={<ArrowUndoRegular />}
          disabledFocusable={busy}
          aria-label={format(strings.checklist.undoCard, { title })}
          onClick={props.onUndo}
        >
          {strings.checklist.undo}
        </Button>
      )}
      {finding.status === 'manual' && (
        <Checkbox
          label={{ children: strings.checklist.iDidThis, className: styles.checkLabel }}
          aria-describedby={headingId}
          checked={manualDone}
          onChange={(_event, data) => props.onManualDone(data.checked === true)}
        />
      )}
      {props.tool && finding.status === 'manual' && (
        <Button icon={<OpenRegular />} onClick={props.tool.open}>
          {props.tool.label}
        </Button>
      )}
      {manualDone && (
        <>
          <Text className={styles.runState} data-run-state="manual-done">
            {strings.checklist.doneCheckAgain}
          </Text>
          <Button
            icon={<ArrowClockwiseRegular />}
            disabledFocusable={busy}
            aria-label={format(strings.checklist.checkAgainCard, { title })}
            onClick={props.onCheckAgain}
          >
            {strings.checklist.checkAgain}
          </Button>
        </>
      )}
      <RunLine line={actions.line} />
    </div>
  );
}

/** What the card's last run did to it, in one line. */
function RunLine({ line }: { line: CardActions['line'] }) {
  const styles = useStyles();
  if (line?.kind === 'state') {
    return (
      <Text className={styles.runState} data-run-state={line.state}>
        {RUN_STATE_TEXT[line.state]}
      </Text>
    );
  }
  if (line?.kind === 'partly-fixed') {
    return (
      <Text className={styles.runState} data-run-state="partly-fixed">
        {line.left.length > 0
          ? format(strings.checklist.partlyFixed, { left: line.left.join('; ') })
          : strings.checklist.partlyFixedStill}
      </Text>
    );
  }
  if (line?.kind === 'partly-undone') {
    return (
      <Text className={styles.runState} data-run-state="partly-undone">
        {format(strings.checklist.partlyUndone, { stayed: line.stayed.join('; ') })}
      </Text>
    );
  }
  return null;
}

/** Details, folded: why it matters, the evidence, what will change and its PowerShell. */
function CardDetails({
  title,
  finding,
  changes,
}: {
  title: string;
  finding: Finding;
  changes: readonly ChangeView[];
}) {
  const styles = useStyles();
  const script = changes.map((change) => change.powershellPreview).join('\n\n');
  return (
    <Accordion collapsible>
      <AccordionItem value="details">
        {/* The default (medium) size: a target comfortably above 24×24 px, easy to hit with a finger or a shaky hand. */}
        <AccordionHeader button={{ 'aria-label': format(strings.checklist.detailsCard, { title }) }}>
          {strings.checklist.details}
        </AccordionHeader>
        <AccordionPanel className={styles.panel}>
          <Text>{finding.explanation}</Text>
          <div>
            <h4 className={styles.subheading}>{strings.checklist.evidence}</h4>
            {finding.evidence.length === 0 ? (
              <Text>{strings.checklist.noEvidence}</Text>
            ) : (
              <dl className={styles.evidence}>
                {finding.evidence.map((item) => (
                  <div key={`${item.label}:${item.value}`} className={styles.pair}>
                    <dt className={styles.term}>{item.label}</dt>
                    <dd className={styles.value}>{item.value}</dd>
                  </div>
                ))}
              </dl>
            )}
          </div>
          {changes.length > 0 && (
            <div>
              <h4 className={styles.subheading}>{strings.checklist.whatWillChange}</h4>
              <ChangeList changes={changes} />
            </div>
          )}
          {changes.length > 0 && <PowerShellPreview script={script} />}
        </AccordionPanel>
      </AccordionItem>
    </Accordion>
  );
}
