import { describe, expect, it } from 'vitest';
import { chooseMachine } from './machine-choice.js';

describe('chooseMachine', () => {
  it('uses PowerShell only on Windows without --demo', () => {
    expect(chooseMachine('win32', ['electron', '.'])).toEqual({ kind: 'powershell' });
  });

  it('uses the simulated machine with --demo, even on Windows', () => {
    expect(chooseMachine('win32', ['electron', '.', '--demo'])).toEqual({
      kind: 'simulated',
      reason: 'demo-flag',
    });
  });

  it.each(['linux', 'darwin'])('uses the simulated machine on %s', (platform) => {
    expect(chooseMachine(platform, [])).toEqual({ kind: 'simulated', reason: 'not-windows' });
  });
});
