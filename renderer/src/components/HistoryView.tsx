import { Button, Card, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import { ArrowClockwiseRegular, ArrowUndoRegular } from '@fluentui/react-icons';
import { useEffect, useState } from 'react';
import type { RunSummary } from '../../../shared/ipc.js';
import { localTime } from '../local-time.js';
import { useHistory } from '../stores/stores.js';
import { format, strings } from '../strings.js';
import { NoticeBar } from './NoticeBar.js';
import { usePageSectionStyles } from './page-section-styles.js';
import { machineWideToUndo, UndoRunDialog } from './UndoRunDialog.js';

const useStyles = makeStyles({
  headline: { margin: 0, fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600 },
  card: { padding: tokens.spacingHorizontalM, gap: tokens.spacingVerticalS, minWidth: 0 },
  top: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', gap: tokens.spacingHorizontalM },
  title: { margin: 0, flex: '1 1 240px', minWidth: 0, fontSize: tokens.fontSizeBase400 },
  changes: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  note: { color: tokens.colorNeutralForeground2 },
});

function RunCard({ run, busy, onUndo }: { run: RunSummary; busy: boolean; onUndo(): void }) {
  const styles = useStyles();
  const titleId = `run-${run.runId}`;
  return (
    <Card className={styles.card} role="group" aria-labelledby={titleId} data-run={run.runId}>
      <div className={styles.top}>
        <h2 id={titleId} className={styles.title}>
          {format(strings.history.runTitle, { host: run.host, time: localTime(run.startedAt) })}
        </h2>
        <Text weight="semibold">{strings.history.state[run.state]}</Text>
      </div>
      <ul className={styles.changes}>
        {run.changes.map((change) => (
          <li key={change.id}>
            <Text>{change.description}</Text>{' '}
            {change.undone && <Text className={styles.note}>{strings.history.changeUndone}</Text>}
            {!change.reversible && <Text className={styles.note}>{strings.history.changeIrreversible}</Text>}
          </li>
        ))}
      </ul>
      {run.connectionTest && (
        <Text className={styles.note} data-testid="run-connection-test">
          {strings.history.connectionTest[run.connectionTest]}
        </Text>
      )}
      {run.undoable && (
        <div>
          <Button icon={<ArrowUndoRegular />} disabledFocusable={busy} onClick={onUndo}>
            {strings.history.undoRun}
          </Button>
        </div>
      )}
    </Card>
  );
}

export function HistoryView() {
  const styles = useStyles();
  const section = usePageSectionStyles();
  const runs = useHistory((s) => s.runs);
  const loading = useHistory((s) => s.loading);
  const undoingRunId = useHistory((s) => s.undoingRunId);
  const notice = useHistory((s) => s.notice);
  const load = useHistory((s) => s.load);
  const undoRun = useHistory((s) => s.undoRun);

  useEffect(() => {
    void load();
  }, [load]);
  // A run whose undo needs administrator permission is asked about first; others are undone at once.
  const [asking, setAsking] = useState<RunSummary | null>(null);
  const requestUndo = (run: RunSummary) => {
    if (machineWideToUndo(run).length > 0) setAsking(run);
    else void undoRun(run.runId);
  };

  return (
    <div className={section.root}>
      <div className={section.header}>
        <h1 className={styles.headline}>{strings.history.heading}</h1>
        <Button icon={<ArrowClockwiseRegular />} onClick={() => void load()} disabledFocusable={loading}>
          {strings.history.refresh}
        </Button>
      </div>
      <Text>{strings.history.intro}</Text>
      <NoticeBar notice={notice} />
      {loading && runs.length === 0 && <Spinner size="small" label={strings.history.loading} />}
      {!loading && runs.length === 0 && <Text>{strings.history.empty}</Text>}
      <ul className={section.cards}>
        {runs.map((run) => (
          <li key={run.runId}>
            <RunCard run={run} busy={undoingRunId !== null} onUndo={() => requestUndo(run)} />
          </li>
        ))}
      </ul>
      <UndoRunDialog
        run={asking}
        onCancel={() => setAsking(null)}
        onConfirm={() => {
          if (asking) void undoRun(asking.runId);
          setAsking(null);
        }}
      />
    </div>
  );
}
