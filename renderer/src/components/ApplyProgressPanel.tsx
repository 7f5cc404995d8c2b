import { Button, Field, makeStyles, ProgressBar, Text, tokens } from '@fluentui/react-components';
import type { ApplyProgress } from '../../../shared/ipc.js';
import { strings } from '../strings.js';
import { progressText } from './progress-text.js';

const useStyles = makeStyles({
  root: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM, flexWrap: 'wrap' },
  bar: { flex: '1 1 240px', minWidth: 0 },
});

export interface ApplyProgressPanelProps {
  progress: ApplyProgress | null;
  cancelRequested: boolean;
  onCancel(): void;
}

export function ApplyProgressPanel({ progress, cancelRequested, onCancel }: ApplyProgressPanelProps) {
  const styles = useStyles();
  const value = progress && progress.total > 0 ? progress.completed / progress.total : undefined;
  return (
    <div className={styles.root}>
      <div className={styles.row}>
        <Field
          className={styles.bar}
          label={strings.progress.label}
          validationMessage={progressText(progress)}
          validationState="none"
        >
          <ProgressBar value={value} thickness="large" />
        </Field>
        <Button onClick={onCancel} disabledFocusable={cancelRequested || !progress}>
          {strings.progress.cancel}
        </Button>
      </div>
      {cancelRequested && <Text>{strings.progress.cancelling}</Text>}
    </div>
  );
}
