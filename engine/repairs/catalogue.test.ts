import { describe, expect, it } from 'vitest';
import { REPAIR_IDS } from '../../shared/findings.js';
import { REPAIRS } from './catalogue.js';

describe('REPAIRS', () => {
  it('lists every repair exactly once, in REPAIR_IDS order', () => {
    expect(REPAIRS.map((r) => r.id)).toEqual([...REPAIR_IDS]);
  });
});
