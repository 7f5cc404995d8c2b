import { describe, expect, it } from 'vitest';
import { REPAIR_IDS } from '../../shared/findings.js';
import { REPAIRS } from './catalogue.js';

describe('REPAIRS', () => {
  it('lists each repair once, in REPAIR_IDS order', () => {
    const ids = REPAIRS.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(REPAIR_IDS.filter((id) => ids.includes(id)));
    expect(ids).toContain('udp-transport');
  });
});
