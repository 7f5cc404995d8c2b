import { describe, expect, it } from 'vitest';
import type { PlannedChange } from '../shared/findings.js';
import { changeNames, interruptedAdvice, shortDescription } from './change-text.js';

const change = (description: string, ifInterrupted?: string): PlannedChange => ({
  id: 'certificates:host-certificate',
  repairId: 'certificates',
  description,
  scope: 'machine',
  ops: [{ op: 'service.restart', name: 'SessionEnv' }],
  inverse: null,
  ...(ifInterrupted ? { ifInterrupted } : {}),
});

describe('change text', () => {
  it('names a change by the first sentence of its description', () => {
    expect(shortDescription(change('Remove the old certificate. Windows makes a new one.'))).toBe(
      'Remove the old certificate',
    );
    expect(changeNames([change('Delete A.'), change('Forget B: the host.')])).toBe('"Delete A", "Forget B"');
  });

  it('adds the advice of changes that may have stopped part-way, and nothing when there is none', () => {
    expect(interruptedAdvice([change('Delete A.')])).toBe('');
    expect(
      interruptedAdvice([change('Delete A.', 'Restart X.'), change('Delete B.'), change('C.', 'Do Y.')]),
    ).toBe(' Restart X. Do Y.');
  });
});
