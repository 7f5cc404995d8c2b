import { describe, expect, it, vi } from 'vitest';
import type { Op, OpResult } from '../shared/ops.js';
import { loggingPort } from './logging-port.js';
import type { MachinePort } from './port.js';

const ops: Op[] = [{ op: 'system.facts' }, { op: 'net.adapters' }];
const results: OpResult[] = [
  { ok: true, value: null },
  { ok: false, error: { code: 'failed', message: 'x' } },
];

function fakePort(run: MachinePort['run']): MachinePort {
  return { kind: 'simulated', label: 'fake', run };
}

describe('loggingPort', () => {
  it('passes the batch through and logs ops, mode, elevation, results and duration', async () => {
    const logger = { batch: vi.fn(), error: vi.fn() };
    let now = 1000;
    const port = loggingPort(
      fakePort(async () => {
        now += 250;
        return results;
      }),
      logger,
      () => now,
    );
    await expect(port.run(ops, { mode: 'write', elevated: true })).resolves.toBe(results);
    expect(logger.batch).toHaveBeenCalledWith({ ops, mode: 'write', elevated: true }, results, 250);
    expect(logger.error).not.toHaveBeenCalled();
    expect(port.kind).toBe('simulated');
    expect(port.label).toBe('fake');
  });

  it('logs a batch that throws and rethrows the same error', async () => {
    const logger = { batch: vi.fn(), error: vi.fn() };
    const boom = new Error('session died');
    const port = loggingPort(
      fakePort(async () => {
        throw boom;
      }),
      logger,
    );
    await expect(port.run(ops, { mode: 'read' })).rejects.toBe(boom);
    expect(logger.error).toHaveBeenCalledWith('batch of 2 ops (read)', boom);
    expect(logger.batch).not.toHaveBeenCalled();
  });
});
