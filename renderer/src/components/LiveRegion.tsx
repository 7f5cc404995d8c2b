import { useChecklist } from '../stores/stores.js';
import { progressText } from './progress-text.js';
import styles from './VisuallyHidden.module.css';

/** Screen readers hear progress and outcomes without the focus moving. */
export function LiveRegion() {
  const activity = useChecklist((s) => s.activity);
  const progress = useChecklist((s) => s.progress);
  const notice = useChecklist((s) => s.notice);
  const announcement = useChecklist((s) => s.announcement);
  const text = activity === 'applying' ? progressText(progress) : (notice?.text ?? announcement ?? '');
  return (
    <div className={styles.hidden} role="status" aria-live="polite" data-testid="live-region">
      {text}
    </div>
  );
}
