import { describe, expect, it } from 'vitest';
import { renewalGate } from './certificates-host-renewal.js';

/* The renewal gate now that service.status says the start type (issue 25, part 3). */

describe('renewalGate', () => {
  it('refuses while SessionEnv runs but is disabled: its restart after the removal would fail', () => {
    const gate = renewalGate(
      { ok: true, value: { exists: true, status: 'Running', startType: 'Disabled' } },
      [],
    );
    expect(gate).toEqual({ allowed: false, why: expect.stringContaining('disabled') });
  });

  it('allows a running SessionEnv that may start again', () => {
    const gate = renewalGate(
      { ok: true, value: { exists: true, status: 'Running', startType: 'Manual' } },
      [],
    );
    expect(gate).toEqual({ allowed: true });
  });
});
