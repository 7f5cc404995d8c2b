import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { REPAIRS } from '../../../engine/repairs/catalogue.js';
import { scanMachine } from '../../../engine/scan.js';
import { parseHostTarget } from '../../../shared/host-name.js';
import type { ScanProgress } from '../../../shared/scan-progress.js';
import { pwshForTests } from '../../../test/support/pwsh-for-tests.js';
import type { MachinePort } from '../../port.js';
import {
  ELEVATED_LAUNCHER_FILE,
  ELEVATED_LAUNCHER_SHA256,
  INTERPRETER_MODULE_FILE,
} from '../module-hashes.js';
import { sha256Hex } from '../module-integrity.js';
import { createPowerShellMachine, type PowerShellSession } from '../powershell-machine.js';
import { childProcessRunner, createNodePowerShellSession } from '../powershell-processes.js';

/*
 * The warm-up with the real pwsh, as the app starts it when its window has painted: once warmUp() has
 * answered, the first check's batch goes straight to a session that is running and has its interpreter
 * loaded, so the check never shows "Starting PowerShell"; and a real session that ends is noticed by itself.
 */

const pwsh = pwshForTests();
const here = dirname(fileURLToPath(import.meta.url));
const modulePath = join(here, '..', INTERPRETER_MODULE_FILE);

let machines: MachinePort[] = [];
let sessions: PowerShellSession[] = [];
afterEach(async () => {
  await Promise.all(machines.map((m) => m.close?.()));
  await Promise.all(sessions.map((s) => s.dispose().catch(() => undefined)));
  machines = [];
  sessions = [];
});

function realMachine(): { machine: MachinePort; created: () => number } {
  let created = 0;
  const machine = createPowerShellMachine({
    modulePath,
    // The module's bytes as they are on disk: the check of the hash itself is module-hashes.test.ts's.
    moduleSha256: sha256Hex(readFileSync(modulePath)),
    launcherPath: join(here, '..', ELEVATED_LAUNCHER_FILE),
    launcherSha256: ELEVATED_LAUNCHER_SHA256,
    createSession: () => {
      created += 1;
      return createNodePowerShellSession(pwsh);
    },
    processRunner: childProcessRunner,
    powershellPath: pwsh,
    timeoutMs: 60_000,
  });
  machines.push(machine);
  return { machine, created: () => created };
}

describe('the warm-up, with real PowerShell', () => {
  it('after warmUp(), the first check runs in the warm session: no "starting" stage, no start step', async () => {
    const { machine, created } = realMachine();
    await machine.warmUp?.();
    expect(created()).toBe(1);
    const target = parseHostTarget('server01.contoso.com');
    if (!target.ok) throw new Error(target.message);
    const stages: string[] = [];
    const steps: ScanProgress[] = [];
    const observed: MachinePort = {
      kind: machine.kind,
      label: machine.label,
      run: (ops, options) =>
        machine.run(ops, {
          ...options,
          onStage: (stage) => {
            stages.push(stage);
            options.onStage?.(stage);
          },
        }),
    };
    const outcome = await scanMachine(
      observed,
      REPAIRS,
      { target: target.target, now: new Date() },
      {
        onProgress: (progress) => steps.push(progress),
      },
    );
    expect(stages).toEqual(['running']);
    expect(steps.flatMap((p) => p.steps.map((s) => s.id))).not.toContain('start-powershell');
    expect(steps.at(-1)?.steps).toEqual([{ id: 'read-this-pc', state: 'done' }]);
    // The batch was answered by the interpreter (on Linux the Windows-only reads fail with platform errors).
    expect(outcome.repairs.length).toBe(REPAIRS.length);
    expect(created()).toBe(1);
  });

  it('a real session whose process ends says so by itself', async () => {
    const session = createNodePowerShellSession(pwsh);
    sessions.push(session);
    await session.invoke('$null = 1');
    const ended = session.exited;
    expect(ended).toBeDefined();
    void session.invoke('Stop-Process -Id $PID -Force').catch(() => undefined);
    await ended;
  });
});
