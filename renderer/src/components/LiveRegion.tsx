import { makeStyles } from '@fluentui/react-components';
import { useChecklist } from '../stores/stores.js';
import { progressText } from './ApplyProgressPanel.js';

const useStyles = makeStyles({
  hidden: {
    position: 'absolute',
    width: '1px',
    height: '1px',
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  },
});

/** Screen readers hear progress and outcomes without the focus moving. */
export function LiveRegion() {
  const styles = useStyles();
  const activity = useChecklist((s) => s.activity);
  const progress = useChecklist((s) => s.progress);
  const notice = useChecklist((s) => s.notice);
  const text = activity === 'applying' ? progressText(progress) : (notice?.text ?? '');
  return (
    <div className={styles.hidden} role="status" aria-live="polite" data-testid="live-region">
      {text}
    </div>
  );
}
