import { describe, expect, it } from 'vitest';
import { countingPort } from './counting-port.js';
import { SimulatedMachine } from './simulated/simulated-machine.js';

describe('countingPort', () => {
  it('counts round trips and ops, and passes results through unchanged', async () => {
    const machine = new SimulatedMachine(
      { schemaVersion: 1, os: { build: '10.0.22631', edition: 'Home', user: 'a', documentsFolder: 'C:\\D' } },
      { label: 'test machine' },
    );
    const port = countingPort(machine);
    expect(port.stats()).toEqual({ opsExecuted: 0, roundTrips: 0 });
    const results = await port.run([{ op: 'system.facts' }, { op: 'net.adapters' }], { mode: 'read' });
    await port.run([{ op: 'policy.refresh' }], { mode: 'write' });
    expect(results).toEqual(
      await machine.run([{ op: 'system.facts' }, { op: 'net.adapters' }], { mode: 'read' }),
    );
    expect(port.stats()).toEqual({ opsExecuted: 3, roundTrips: 2 });
    expect(port.label).toBe('test machine');
    expect(port.kind).toBe('simulated');
  });
});
