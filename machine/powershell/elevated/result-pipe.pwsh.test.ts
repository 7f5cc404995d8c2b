import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Op } from '../../../shared/ops.js';
import {
  connectScript,
  elevatedMachine,
  type Intruder,
  runasStandIn,
  scratchFolder,
  sendScript,
  startIntruder,
} from './elevated-run.test-support.js';

/*
 * The answer channel under attack, with real pwsh processes on both ends: the elevated launcher (started as
 * the UAC hop would start it) answers over the app's pipe while other processes of the same user dial it
 * first: a squatter that holds connections open, a forger that sends a "nothing ran" answer, and both while
 * the real answer takes its time. The real answer must still be the one the app reads.
 */

const scratch = scratchFolder('rdp-repair-result-pipe-');
afterAll(() => scratch.dispose());

let intruders: Intruder[] = [];
afterEach(() => {
  for (const intruder of intruders) intruder.stop();
  intruders = [];
});

function intrude(script: string): Intruder {
  const intruder = startIntruder(script);
  intruders.push(intruder);
  return intruder;
}

const RESOLVE: Op = { op: 'net.resolve', host: '127.0.0.1' };
const RESOLVED = { ok: true, value: { addresses: ['127.0.0.1'] } };
const NOT_STARTED = JSON.stringify({
  protocol: 1,
  error: { code: 'failed', message: 'The elevated runner was started without a valid module hash.' },
  started: false,
});
/** net.resolve made slow: the UAC prompt, or a slow machine, between the squatter's dial and the real answer. */
const SLOW_RESOLVE =
  "function Invoke-OpNetResolve { param($Op) $null = $Op; Start-Sleep -Seconds 3; $script:OpValue = @{ addresses = @('127.0.0.1') } }";

describe('the answer channel with real pwsh processes dialling it', () => {
  it('a squatter holding 12 connections open before the real answer: the real answer is read', async () => {
    const runner = runasStandIn(async ({ pipeName }) => {
      const held = `$all = foreach ($i in 1..12) { ${connectScript(pipeName)}; $p }`;
      await intrude(`${held}; 'connected'; Start-Sleep -Seconds 60`).printed('connected');
    });
    const results = await elevatedMachine(scratch.folder, runner).run([RESOLVE], {
      mode: 'read',
      elevated: true,
    });
    expect(results).toEqual([RESOLVED]);
  });

  it('a forger sending 12 "nothing ran" answers without the nonce first: the real answer is read', async () => {
    const runner = runasStandIn(async ({ pipeName }) => {
      const forged = sendScript(pipeName, `${'0'.repeat(32)}\n${NOT_STARTED}`);
      await intrude(`foreach ($i in 1..12) { ${forged} }; 'sent'`).printed('sent');
    });
    const results = await elevatedMachine(scratch.folder, runner).run([RESOLVE], {
      mode: 'write',
      elevated: true,
    });
    expect(results).toEqual([RESOLVED]);
  });

  it('a slow real answer while a squatter keeps dialling all along: the real answer is read', async () => {
    const runner = runasStandIn(async ({ pipeName }) => {
      // One new held connection every 25 ms for 6 s: before, during and after the real answer.
      const dialling = `$all = @(); foreach ($i in 1..240) { ${connectScript(pipeName)}; $all += $p; if ($i -eq 20) { 'dialling' }; Start-Sleep -Milliseconds 25 }`;
      await intrude(dialling).printed('dialling');
    });
    const started = Date.now();
    const results = await elevatedMachine(scratch.folder, runner, SLOW_RESOLVE).run([RESOLVE], {
      mode: 'read',
      elevated: true,
    });
    expect(results).toEqual([RESOLVED]);
    expect(Date.now() - started).toBeGreaterThan(3000);
  });

  it('a forger who read the nonce and says "nothing ran" is not believed: the answer is unknown, never "skipped"', async () => {
    const runner = runasStandIn(async ({ pipeName, nonce }) => {
      await intrude(`${sendScript(pipeName, `${nonce}\n${NOT_STARTED}`)}; 'sent'`).printed('sent');
    });
    const results = await elevatedMachine(scratch.folder, runner).run([RESOLVE], {
      mode: 'write',
      elevated: true,
    });
    // "skipped" would let the journal say not-applied for a change the elevated side made; "failed" makes the
    // engine read the machine back (engine/elevation/change-readback.ts).
    expect(results).toEqual([
      { ok: false, error: { code: 'failed', message: expect.stringMatching(/Two different answers/) } },
    ]);
  });
});
