import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Text,
} from '@fluentui/react-components';
import type { RunSummary } from '../../../shared/ipc.js';
import { format, strings } from '../strings.js';

/** What undoing this run puts back machine-wide, in words: those need administrator permission. */
export function machineWideToUndo(run: RunSummary): RunSummary['changes'] {
  return run.changes.filter((c) => c.reversible && !c.undone && c.needsElevation);
}

/**
 * Asked before a run is undone from History when that needs administrator permission: the UAC prompt that
 * follows is then expected, and the user sees the machine-wide changes it will put back.
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
  const machineWide = run ? machineWideToUndo(run) : [];
  const count = run ? run.changes.filter((c) => c.reversible && !c.undone).length : 0;
  return (
    <Dialog open={run !== null} onOpenChange={(_event, data) => !data.open && onCancel()}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>{strings.history.confirmTitle}</DialogTitle>
          <DialogContent>
            <Text>{strings.history.confirmAdmin}</Text>
            <ul>
              {machineWide.map((change) => (
                <li key={change.id}>{change.description}</li>
              ))}
            </ul>
          </DialogContent>
          <DialogActions>
            <Button onClick={onCancel}>{strings.confirm.cancel}</Button>
            <Button appearance="primary" onClick={onConfirm}>
              {format(count === 1 ? strings.history.confirmUndoOne : strings.history.confirmUndoMany, {
                count,
              })}
            </Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
