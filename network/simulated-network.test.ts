import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { simulatedNetwork } from './simulated-network.js';

const HOSTS = {
  'server01.contoso.com': { addresses: ['10.1.2.3'], openTcpPorts: [], filteredTcpPorts: [3389] },
};
const NOW = new Date('2026-11-21T09:00:00Z');
const TARGET = { host: 'server01.contoso.com', port: 3389 };

/** Whether the probe has answered by now, after letting pending promises run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => {
    done = true;
  });
  await vi.advanceTimersByTimeAsync(0);
  return done;
}

describe('simulated network: how long the remote takes', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('answers at once by default', async () => {
    const network = simulatedNetwork(
      () => HOSTS as never,
      () => NOW,
    );
    expect(await settled(network.probeHandshake(TARGET, { deadlineMs: 5000 }))).toBe(true);
  });

  it('answers after handshakeDelayMs, with the outcome the file describes', async () => {
    const network = simulatedNetwork(
      () => HOSTS as never,
      () => NOW,
      () => 1000,
    );
    const probe = network.probeHandshake(TARGET, { deadlineMs: 5000 });
    await vi.advanceTimersByTimeAsync(999);
    expect(await settled(probe)).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await settled(probe)).toBe(true);
    expect((await probe)?.outcome).toEqual({ kind: 'filtered' });
  });

  it('never waits past the deadline, and stops waiting when cancelled', async () => {
    const network = simulatedNetwork(
      () => HOSTS as never,
      () => NOW,
      () => 30_000,
    );
    const capped = network.probeHandshake(TARGET, { deadlineMs: 50 });
    await vi.advanceTimersByTimeAsync(50);
    expect(await settled(capped)).toBe(true);
    const controller = new AbortController();
    const cancelled = network.probeHandshake(TARGET, { deadlineMs: 5000, signal: controller.signal });
    expect(await settled(cancelled)).toBe(false);
    controller.abort();
    expect(await settled(cancelled)).toBe(true);
  });
});
