import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isReadOp, OpSchema } from '../../shared/ops.js';
import { SimulatedMachine } from '../simulated/simulated-machine.js';
import { warmUpReads } from './warm-up-reads.js';

const STOCK_PC = JSON.parse(
  readFileSync(new URL('../../sample-machines/stock-pc.json', import.meta.url), 'utf8'),
);

describe('the warm-up reads', () => {
  it('are reads only, each one the interpreter accepts (the same allow-list as the simulated machine)', async () => {
    const ops = warmUpReads(new Date('2026-12-01T10:00:00Z'));
    for (const op of ops) {
      expect(OpSchema.parse(op)).toEqual(op);
      expect(isReadOp(op)).toBe(true);
    }
    // A probe or a name outside this computer would reach the network before the user asked for anything.
    expect(ops.some((op) => op.op === 'net.probeTcp')).toBe(false);
    const results = await new SimulatedMachine(STOCK_PC).run(ops, { mode: 'read' });
    for (const result of results) {
      if (!result.ok) expect(result.error.code).not.toBe('invalid-argument');
    }
  });
});
