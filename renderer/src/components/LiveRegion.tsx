import { useChecklist } from '../stores/stores.js';
import { strings } from '../strings.js';
import styles from './VisuallyHidden.module.css';

/**
 * Screen readers hear progress and outcomes without the focus moving. An apply is said twice: once when it
 * starts and once when it ends (its outcome); the step-by-step progress is on screen in the bar, not read out,
 * since a message for each step floods a screen reader in under a second (issue 27).
 */
export function LiveRegion() {
  const activity = useChecklist((s) => s.activity);
  const notice = useChecklist((s) => s.notice);
  const announcement = useChecklist((s) => s.announcement);
  const text =
    activity === 'applying' ? strings.progress.announceStart : (notice?.text ?? announcement ?? '');
  return (
    <div className={styles.hidden} role="status" aria-live="polite" data-testid="live-region">
      {text}
    </div>
  );
}
