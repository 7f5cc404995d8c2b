import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { MachinePort } from '../../machine/port.js';
import type { NetworkPort } from '../../network/port.js';
import type { Op } from '../../shared/ops.js';

/*
 * The command line starts PowerShell as soon as it knows which machine it works on, before reading the
 * journal, so the session starts while that runs and while the handshake with the remote computer goes on:
 * the check then waits for the longer of the two, not for their sum. Here the machine and the network are
 * fakes that record when each thing starts and ends.
 */

const world = vi.hoisted(() => ({
  events: [] as string[],
  finishWarmUp: () => {},
  port: undefined as unknown,
  network: undefined as unknown,
}));

vi.mock('./open-machine.js', () => ({
  openMachine: async (request: { dataDir: string }) => ({
    port: world.port,
    network: world.network,
    now: () => new Date('2026-12-01T10:00:00Z'),
    lockFile: join(mkdtempSync(join(tmpdir(), 'rdp-repair-cli-warm-')), 'apply.lock'),
    dataDir: request.dataDir,
    notice: undefined,
    warmUp: async () => (world.port as MachinePort).warmUp?.(),
  }),
}));

const { main } = await import('./rdp-repair.js');

function fakeWorld(): void {
  world.events.length = 0;
  let warm = false;
  const warmedUp = new Promise<void>((resolve) => {
    world.finishWarmUp = () => {
      warm = true;
      world.events.push('session ready');
      resolve();
    };
  });
  const port: MachinePort = {
    kind: 'powershell',
    label: 'This computer (fake PowerShell)',
    warmUp: () => {
      world.events.push('session starting');
      return warmedUp;
    },
    close: async () => {
      world.events.push('closed');
    },
    // As the real port: a batch sent while the session starts joins that start.
    run: async (ops: readonly Op[], options) => {
      world.events.push(warm ? 'batch sent to a ready session' : 'batch joins the start');
      if (!warm) options.onStage?.('starting');
      await warmedUp;
      options.onStage?.('running');
      return ops.map(() => ({ ok: false as const, error: { code: 'failed' as const, message: 'fake' } }));
    },
  };
  const network: NetworkPort = {
    kind: 'simulated',
    probeHandshake: async () => {
      world.events.push(warm ? 'probe after the session was ready' : 'probe while the session starts');
      return undefined;
    },
  };
  world.port = port;
  world.network = network;
}

describe('the command line and its PowerShell session', () => {
  it('starts the session first, and the handshake and the check while it is still starting', async () => {
    fakeWorld();
    const out: string[] = [];
    const running = main(
      ['scan', '--host', 'server01', '--json', '--data-dir', mkdtempSync(join(tmpdir(), 'rdp-repair-cli-'))],
      { stdout: (text) => out.push(text), stderr: () => undefined },
    );
    for (let i = 0; i < 100 && !world.events.includes('probe while the session starts'); i++) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    world.finishWarmUp();
    // Every read of this fake fails, so nothing could be checked: exit 2 (README "Command line").
    expect(await running).toBe(2);
    expect(world.events).toEqual([
      'session starting',
      'probe while the session starts',
      'batch joins the start',
      'session ready',
      'closed',
    ]);
    expect(JSON.parse(out.join('\n'))).toMatchObject({ command: 'scan' });
  });

  it('ends the session before it exits, when the command fails too', async () => {
    fakeWorld();
    world.finishWarmUp();
    const code = await main(
      ['undo', 'run-2026-12-01-0001', '--data-dir', mkdtempSync(join(tmpdir(), 'rdp-repair-cli-'))],
      {
        stdout: () => undefined,
        stderr: () => undefined,
      },
    );
    expect(code).toBe(2);
    expect(world.events.at(-1)).toBe('closed');
  });
});
