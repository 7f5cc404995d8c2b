import type { ScanProgress, ScanStepId, ScanStepState } from '../shared/scan-progress.js';

/*
 * The steps of one check as the engine observes them, told to a listener each time one moves on. The machine
 * port says when it has to start PowerShell first; the batch and the handshake say when they are answered.
 * A step is shown only once something says it happens, and its state only ever moves forward.
 */

export interface ScanSteps {
  /** From the machine port (RunOptions.onStage). */
  stage(stage: 'starting' | 'running'): void;
  readDone(): void;
  remoteDone(): void;
}

const ORDER: readonly ScanStepState[] = ['waiting', 'running', 'done'];

export function scanSteps(
  host: string,
  talksToRemote: boolean,
  listener: (progress: ScanProgress) => void,
): ScanSteps {
  const steps: ScanProgress['steps'] = [{ id: 'read-this-pc', state: 'waiting' }];
  if (talksToRemote) steps.push({ id: 'talk-to-remote', state: 'running' });

  const emit = (): void => listener({ host, steps: steps.map((step) => ({ ...step })) });
  const move = (id: ScanStepId, state: ScanStepState): void => {
    const step = steps.find((s) => s.id === id);
    if (step === undefined || ORDER.indexOf(state) <= ORDER.indexOf(step.state)) return;
    step.state = state;
    emit();
  };
  emit();

  return {
    stage(stage) {
      // PowerShell starts before the read, once: not after the read is under way.
      const readWaiting = steps.some((s) => s.id === 'read-this-pc' && s.state === 'waiting');
      const started = steps.some((s) => s.id === 'start-powershell');
      if (stage === 'starting' && readWaiting && !started) {
        steps.unshift({ id: 'start-powershell', state: 'running' });
        emit();
        return;
      }
      if (stage === 'running') {
        move('start-powershell', 'done');
        move('read-this-pc', 'running');
      }
    },
    readDone() {
      move('start-powershell', 'done');
      move('read-this-pc', 'done');
    },
    remoteDone() {
      move('talk-to-remote', 'done');
    },
  };
}
