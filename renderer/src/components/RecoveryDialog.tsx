import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  makeStyles,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useRef } from 'react';
import { localTime } from '../local-time.js';
import { useRecovery } from '../stores/stores.js';
import { format, strings } from '../strings.js';

const useStyles = makeStyles({
  content: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: tokens.spacingVerticalS },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
});

/** An unfinished run from a crash is offered for rollback before the user can do anything else. */
export function RecoveryDialog() {
  const styles = useStyles();
  const pending = useRecovery((s) => s.pending[0]);
  const last = useRef(pending);
  if (pending) last.current = pending;
  const run = pending ?? last.current;
  const busy = useRecovery((s) => s.busy);
  const rollback = useRecovery((s) => s.rollback);
  const dismiss = useRecovery((s) => s.dismiss);
  if (!run) return null;
  return (
    <Dialog open={pending !== undefined} modalType="alert">
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{strings.recovery.title}</DialogTitle>
          <DialogContent className={styles.content}>
            <Text>
              {format(strings.recovery.body, {
                host: run.host,
                time: localTime(run.startedAt),
              })}
            </Text>
            <Text weight="semibold">{strings.recovery.changes}</Text>
            <ul className={styles.list}>
              {run.changes.map((change) => (
                <li key={change.id}>{change.description}</li>
              ))}
            </ul>
          </DialogContent>
          <DialogActions>
            <Button disabledFocusable={busy} onClick={() => dismiss(run.runId)}>
              {strings.recovery.keep}
            </Button>
            <Button appearance="primary" disabledFocusable={busy} onClick={() => void rollback(run.runId)}>
              {strings.recovery.rollback}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
