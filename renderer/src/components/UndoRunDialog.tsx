import {
  Badge,
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
import type { RunSummary } from '../../../shared/ipc.js';
import { format, strings } from '../strings.js';
import { changesToUndo, undoText } from './undo-text.js';

const useStyles = makeStyles({
  content: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: tokens.spacingVerticalS },
  list: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    gap: tokens.spacingVerticalXS,
    margin: 0,
    paddingLeft: tokens.spacingHorizontalXL,
  },
  tag: { marginLeft: tokens.spacingHorizontalS },
});

/** What undoing this run puts back machine-wide: those need administrator permission. */
export function machineWideToUndo(run: RunSummary): RunSummary['changes'] {
  return changesToUndo(run).filter((c) => c.needsElevation);
}

/**
 * Asked before a run is undone from History when that needs administrator permission: the UAC prompt that
 * follows is then expected. It lists every change the undo puts back, in words that go backwards, marks those
 * that need the permission, and its button counts exactly what it lists (issue 27).
 */
export function UndoRunDialog({
  run,
  onCancel,
  onConfirm,
}: {
  run: RunSummary | null;
  onCancel(): void;
  onConfirm(): void;
}) {
  const styles = useStyles();
  const changes = run ? changesToUndo(run) : [];
  return (
    <Dialog open={run !== null} onOpenChange={(_event, data) => !data.open && onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{strings.history.confirmTitle}</DialogTitle>
          <DialogContent className={styles.content}>
            <Text>{strings.history.confirmIntro}</Text>
            <ul className={styles.list}>
              {changes.map((change) => (
                <li key={change.id}>
                  {undoText(change)}
                  {change.needsElevation && (
                    <Badge className={styles.tag} appearance="outline" color="informative" size="small">
                      {strings.confirm.adminTag}
                    </Badge>
                  )}
                </li>
              ))}
            </ul>
            <Text>{strings.history.confirmAdmin}</Text>
          </DialogContent>
          <DialogActions>
            <Button onClick={onCancel}>{strings.confirm.cancel}</Button>
            <Button appearance="primary" onClick={onConfirm}>
              {format(
                changes.length === 1 ? strings.history.confirmUndoOne : strings.history.confirmUndoMany,
                {
                  count: changes.length,
                },
              )}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
