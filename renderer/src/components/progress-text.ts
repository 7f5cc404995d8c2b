import type { ApplyProgress } from '../../../shared/ipc.js';
import { format, strings } from '../strings.js';

/** One line for an apply's progress: the panel's message and what the live region reads out. */
export function progressText(progress: ApplyProgress | null): string {
  if (!progress) return strings.progress.phase.journal;
  const phase = strings.progress.phase[progress.phase];
  if (progress.total === 0) return phase;
  return format(strings.progress.overall, { completed: progress.completed, total: progress.total, phase });
}
