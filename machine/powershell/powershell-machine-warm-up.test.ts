import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Op } from '../../shared/ops.js';
import {
  ELEVATED_LAUNCHER_FILE,
  ELEVATED_LAUNCHER_SHA256,
  INTERPRETER_MODULE_FILE,
} from './module-hashes.js';
import { sha256Hex } from './module-integrity.js';
import { SESSION_READY } from './powershell-commands.js';
import {
  createPowerShellMachine,
  type PowerShellMachineOptions,
  type PowerShellSession,
  type SessionAnswer,
} from './powershell-machine.js';

/*
 * The unelevated session started before the first check (warmUp): a check that comes while it starts joins
 * that start instead of starting a second PowerShell, says "starting" only while it really waits for it, and
 * a session that dies is started again in the background, once. Sessions here are fakes that count.
 */

const here = dirname(fileURLToPath(import.meta.url));
const MODULE_PATH = join(here, INTERPRETER_MODULE_FILE);

/** A PowerShell session that answers every batch with one "failed" result per op, naming itself. */
class CountedSession implements PowerShellSession {
  readonly commands: string[] = [];
  disposed = false;
  private ended = false;
  private end: () => void = () => undefined;
  readonly exited = new Promise<void>((resolve) => {
    this.end = resolve;
  });
  private openGate: () => void = () => undefined;
  /** Resolves when the module has been loaded: held shut by `holdSetup`. */
  private readonly setupGate: Promise<void>;

  constructor(
    readonly id: number,
    holdSetup: boolean,
  ) {
    this.setupGate = holdSetup
      ? new Promise<void>((resolve) => {
          this.openGate = resolve;
        })
      : Promise.resolve();
  }

  /** Dies while running the next batch, as a PowerShell killed mid-batch does. */
  dieOnBatch = false;

  async invoke(command: string): Promise<SessionAnswer> {
    this.commands.push(command);
    if (this.ended) throw new Error('process exited with code -1');
    if (command.includes('New-Module')) {
      await this.setupGate;
      return { stdout: `${SESSION_READY}\r\n`, stderr: '' };
    }
    const ops = batchOps(command);
    if (this.dieOnBatch) {
      this.die();
      throw new Error('process exited with code -1');
    }
    const results = ops.map(() => ({ ok: false, error: { code: 'failed', message: `session ${this.id}` } }));
    return { stdout: JSON.stringify({ protocol: 1, results }), stderr: '' };
  }

  /** The module finishes loading. */
  finishSetup(): void {
    this.openGate();
  }

  /** The PowerShell process ends by itself (killed, crashed). */
  die(): void {
    this.ended = true;
    this.end();
  }

  batches(): Op[][] {
    return this.commands.filter((c) => c.startsWith('Invoke-RdpRepairBatch')).map(batchOps);
  }

  dispose(): Promise<void> {
    this.disposed = true;
    this.die();
    return Promise.resolve();
  }
}

function batchOps(command: string): Op[] {
  const match = /^Invoke-RdpRepairBatch -EncodedBatch '([A-Za-z0-9+/]*={0,2})'$/.exec(command);
  if (!match) throw new Error(`unexpected command: ${command}`);
  return JSON.parse(Buffer.from(match[1]!, 'base64').toString('utf8')).ops;
}

async function moduleHash(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  return sha256Hex(await readFile(MODULE_PATH));
}

/** A machine whose sessions are counted; `holdSetup` keeps each session's module load waiting until released. */
async function countingMachine(holdSetup = false, overrides: Partial<PowerShellMachineOptions> = {}) {
  const sessions: CountedSession[] = [];
  const machine = createPowerShellMachine({
    modulePath: MODULE_PATH,
    moduleSha256: await moduleHash(),
    launcherPath: join(here, ELEVATED_LAUNCHER_FILE),
    launcherSha256: ELEVATED_LAUNCHER_SHA256,
    createSession: () => {
      const session = new CountedSession(sessions.length + 1, holdSetup);
      sessions.push(session);
      return session;
    },
    processRunner: { run: () => Promise.reject(new Error('no process expected')) },
    timeoutMs: 5_000,
    ...overrides,
  });
  return { machine, sessions };
}

const SCAN: Op[] = [{ op: 'system.facts' }, { op: 'file.read', folder: 'documents', name: 'Default.rdp' }];
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * Waits for a state, bounded in count and time (at most about 10 s). A start reads the module from disk, which
 * completes on libuv's thread pool, not within a number of event-loop turns: under load 200 turns were too few.
 */
async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await nextTurn();
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error(`never happened: ${what}`);
}

function answeredBy(results: { ok: boolean; error?: { message: string } }[]): string | undefined {
  const first = results[0];
  return first && !first.ok ? first.error?.message : undefined;
}

describe('warming the PowerShell session before the first check', () => {
  it('a check made while the warm-up starts PowerShell joins it: one session, "starting" while it waits', async () => {
    const { machine, sessions } = await countingMachine(true);
    const warming = machine.warmUp?.();
    await until(() => sessions.length === 1, 'the warm-up starts a session');
    const stages: string[] = [];
    const checking = machine.run(SCAN, { mode: 'read', onStage: (stage) => stages.push(stage) });
    await until(() => stages.length > 0, 'the check says what it waits for');
    // Still starting: the check shows the start, and no second PowerShell is started for it.
    expect(stages).toEqual(['starting']);
    sessions[0]?.finishSetup();
    const results = await checking;
    await warming;
    expect(stages).toEqual(['starting', 'running']);
    expect(sessions).toHaveLength(1);
    expect(answeredBy(results)).toBe('session 1');
  });

  it('a check after the warm-up finds the session ready: it never says "starting"', async () => {
    const { machine, sessions } = await countingMachine();
    await machine.warmUp?.();
    const stages: string[] = [];
    const results = await machine.run(SCAN, { mode: 'read', onStage: (stage) => stages.push(stage) });
    expect(stages).toEqual(['running']);
    expect(sessions).toHaveLength(1);
    expect(answeredBy(results)).toBe('session 1');
    // The warm-up ran a small read of its own before the check's batch, in the same session.
    const [warmUpBatch, checkBatch] = sessions[0]?.batches() ?? [];
    expect(warmUpBatch?.length).toBeGreaterThan(0);
    expect(warmUpBatch?.every((op) => !op.op.includes('set') && !op.op.includes('delete'))).toBe(true);
    expect(checkBatch).toEqual(SCAN);
  });

  it('two warm-ups at once start one session', async () => {
    const { machine, sessions } = await countingMachine();
    await Promise.all([machine.warmUp?.(), machine.warmUp?.()]);
    await machine.warmUp?.();
    expect(sessions).toHaveLength(1);
  });

  it('never rejects when PowerShell cannot be started; the check then says why', async () => {
    const { machine } = await countingMachine(false, {
      createSession: () => {
        throw new Error('spawn powershell.exe ENOENT');
      },
    });
    await expect(machine.warmUp?.()).resolves.toBeUndefined();
    const results = await machine.run(SCAN, { mode: 'read' });
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'skipped', message: /ENOENT/ } });
  });
});

describe('how long a start may take', () => {
  // Timers fire in order: a 10 ms wait ends after a 1 ms limit would have fired.
  const afterTimers = () => new Promise<void>((resolve) => setTimeout(resolve, 10));

  it('a start slower than the batch limit is waited for: it has a limit of its own', async () => {
    const { machine, sessions } = await countingMachine(true, { timeoutMs: 1, startTimeoutMs: 60_000 });
    const checking = machine.run(SCAN, { mode: 'read' });
    await until(() => sessions.length === 1, 'a session is started');
    await afterTimers();
    sessions[0]?.finishSetup();
    expect(answeredBy(await checking)).toBe('session 1');
  });

  it('a start that never ends is given up at its own limit, and the check says so', async () => {
    const { machine } = await countingMachine(true, { timeoutMs: 60_000, startTimeoutMs: 1 });
    const results = await machine.run(SCAN, { mode: 'read' });
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'skipped', message: /while loading/ } });
  });
});

describe('a session that dies', () => {
  it('is started again in the background, once: the next check finds it ready', async () => {
    const { machine, sessions } = await countingMachine();
    await machine.warmUp?.();
    sessions[0]?.die();
    await until(() => sessions.length === 2 && sessions[1]?.commands.length === 1, 'a second session');
    const stages: string[] = [];
    // Ready or still loading: the check joins the restart rather than start a third PowerShell.
    const results = await machine.run(SCAN, { mode: 'read', onStage: (stage) => stages.push(stage) });
    expect(answeredBy(results)).toBe('session 2');
    expect(stages.at(-1)).toBe('running');
    expect(sessions).toHaveLength(2);
  });

  it('is not started again in a loop when the restarted one dies too before any check', async () => {
    const { machine, sessions } = await countingMachine();
    await machine.warmUp?.();
    sessions[0]?.die();
    await until(() => sessions.length === 2, 'the one restart');
    await until(() => sessions[1]?.commands.length === 1, 'the restart loads the module');
    await machine.warmUp?.();
    sessions[1]?.die();
    // Nothing more is started by itself: only the next check starts PowerShell, and says so.
    for (let i = 0; i < 20; i++) await nextTurn();
    expect(sessions).toHaveLength(2);
    const stages: string[] = [];
    const results = await machine.run(SCAN, { mode: 'read', onStage: (stage) => stages.push(stage) });
    expect(stages).toEqual(['starting', 'running']);
    expect(answeredBy(results)).toBe('session 3');
  });

  it('mid-batch: that batch is cancelled, and the next session starts in the background', async () => {
    const { machine, sessions } = await countingMachine();
    await machine.warmUp?.();
    if (sessions[0]) sessions[0].dieOnBatch = true;
    const first = await machine.run(SCAN, { mode: 'read' });
    expect(first[0]).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    await until(() => sessions.length === 2, 'the restart');
    const second = await machine.run(SCAN, { mode: 'read' });
    expect(answeredBy(second)).toBe('session 2');
    expect(sessions).toHaveLength(2);
  });

  it('after a check answered, a later death earns one more restart', async () => {
    const { machine, sessions } = await countingMachine();
    await machine.warmUp?.();
    sessions[0]?.die();
    await until(() => sessions.length === 2, 'the first restart');
    expect(answeredBy(await machine.run(SCAN, { mode: 'read' }))).toBe('session 2');
    sessions[1]?.die();
    await until(() => sessions.length === 3, 'the second restart');
  });
});

describe('closing the machine', () => {
  it('ends the session and a start under way, and starts nothing after', async () => {
    const { machine, sessions } = await countingMachine(true);
    const warming = machine.warmUp?.();
    await until(() => sessions.length === 1, 'the warm-up starts a session');
    const closing = machine.close?.();
    sessions[0]?.finishSetup();
    await Promise.all([warming, closing]);
    expect(sessions[0]?.disposed).toBe(true);
    for (let i = 0; i < 20; i++) await nextTurn();
    expect(sessions).toHaveLength(1);
  });
});
