import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Op } from '../../../shared/ops.js';
import {
  ELEVATED_LAUNCHER_FILE,
  ELEVATED_LAUNCHER_SHA256,
  INTERPRETER_MODULE_FILE,
  INTERPRETER_MODULE_SHA256,
} from '../module-hashes.js';
import { createPowerShellMachine, type ProcessRunner } from '../powershell-machine.js';
import { childProcessRunner, createNodePowerShellSession } from '../powershell-processes.js';
import { WINDOWS_POWERSHELL } from '../windows-powershell-path.js';
import { elevatedMachine, pwsh, runasStandIn, scratchFolder } from './elevated-run.test-support.js';

/*
 * A clean elevated start, with a real .NET startup hook: a DOTNET_STARTUP_HOOKS assembly runs code when the
 * runtime starts, before any script, so before every hash check. It is built here (Add-Type in the pinned
 * pwsh) and writes a marker file when it runs.
 */

const scratch = scratchFolder('rdp-repair-elevated-env-');
const marker = join(scratch.folder, 'hook-ran.txt');
const hook = join(scratch.folder, 'StartupHook.dll');
afterAll(() => scratch.dispose());

beforeAll(() => {
  const source = `public static class StartupHook { public static void Initialize() { System.IO.File.WriteAllText(@"${marker}", "ran"); } }`;
  const script = join(scratch.folder, 'build-hook.ps1');
  writeFileSync(
    script,
    `Add-Type -OutputAssembly '${hook}' -OutputType Library -TypeDefinition '${source.replace(/'/g, "''")}'\n`,
  );
  const built = spawnSync(pwsh, ['-NoProfile', '-NonInteractive', '-File', script], { encoding: 'utf8' });
  if (!existsSync(hook)) throw new Error(`The startup hook could not be built: ${built.stderr}`);
}, 60_000);

const planted: string[] = [];
afterEach(() => {
  for (const name of planted.splice(0)) delete process.env[name];
  rmSync(marker, { force: true });
});

function plant(name: string, value: string): void {
  planted.push(name);
  process.env[name] = value;
}

const RESOLVE: Op = { op: 'net.resolve', host: '127.0.0.1' };
const RESOLVED = { ok: true, value: { addresses: ['127.0.0.1'] } };

describe('the elevated PowerShell starts clean', () => {
  it("a DOTNET_STARTUP_HOOKS hook in the app's environment does not run in the elevated PowerShell", async () => {
    plant('DOTNET_STARTUP_HOOKS', hook);
    // The hook is real: any pwsh started with the app's environment runs it.
    spawnSync(pwsh, ['-NoProfile', '-NonInteractive', '-Command', 'exit 0'], { env: process.env });
    expect(existsSync(marker)).toBe(true);
    rmSync(marker);

    const results = await elevatedMachine(scratch.folder, runasStandIn()).run([RESOLVE], {
      mode: 'write',
      elevated: true,
    });
    expect(results).toEqual([RESOLVED]);
    expect(existsSync(marker)).toBe(false);
  });

  it('a runtime hook variable that reaches it anyway (as from the registry environment on Windows) stops the batch before anything runs', async () => {
    const runner = runasStandIn(undefined, (env) => ({ ...env, COMPlus_RdpRepairCanary: '1' }));
    const results = await elevatedMachine(scratch.folder, runner).run([RESOLVE], {
      mode: 'write',
      elevated: true,
    });
    expect(results).toEqual([
      {
        ok: false,
        error: {
          code: 'skipped',
          message: expect.stringMatching(/^Nothing was run: .*COMplus_RdpRepairCanary/i),
        },
      },
    ]);
  });

  it('a startup hook that reaches it has run before any script: the launcher refuses the batch all the same', async () => {
    // Why the app never passes one: refusing afterwards cannot undo what the hook did.
    const runner = runasStandIn(undefined, (env) => ({ ...env, DOTNET_STARTUP_HOOKS: hook }));
    const results = await elevatedMachine(scratch.folder, runner).run([RESOLVE], {
      mode: 'write',
      elevated: true,
    });
    expect(existsSync(marker)).toBe(true);
    expect(results).toEqual([
      {
        ok: false,
        error: { code: 'skipped', message: expect.stringMatching(/DOTNET_STARTUP_HOOKS/) },
      },
    ]);
  });

  it('the launcher puts its own environment to the allow-list before the batch: nothing it starts inherits the rest', async () => {
    const runner = runasStandIn(undefined, (env) => ({
      ...env,
      RDP_REPAIR_PROBE: 'planted',
      TEMP: '/home/alice/tmp',
      PATH: `/home/alice/bin:${env?.PATH ?? ''}`,
    }));
    const seeEnvironment =
      "function Invoke-OpNetResolve { param($Op) $null = $Op; $script:OpValue = @{ addresses = @(('probe=' + $env:RDP_REPAIR_PROBE), ('temp=' + $env:TEMP), ('path=' + $env:PATH)) } }";
    const [result] = await elevatedMachine(scratch.folder, runner, seeEnvironment).run([RESOLVE], {
      mode: 'read',
      elevated: true,
    });
    const windows = process.platform === 'win32';
    expect(result).toEqual({
      ok: true,
      value: {
        addresses: [
          'probe=',
          windows ? expect.stringMatching(/^temp=[A-Z]:\\Windows\\Temp$/i) : 'temp=',
          expect.stringMatching(
            windows ? /^path=[A-Z]:\\Windows\\System32;[^;]+$/i : /^path=[^:]+:\/usr\/bin:\/bin$/,
          ),
        ],
      },
    });
  });
});

/*
 * Written for Windows, never run from here (docs/windows-truth.md says what the first run must show): the real
 * elevation through runas, on a runner where it does not prompt (an administrator with UAC's prompt off, as
 * on CI). They pin down what Linux cannot: where Windows takes the elevated process's environment from.
 */
describe.runIf(process.platform === 'win32')('on Windows, the real elevation', () => {
  // The module folder as the app lays it out: the interpreter, and the launcher under elevated/.
  const moduleFolder = dirname(dirname(fileURLToPath(import.meta.url)));
  const windowsMachine = (runner: ProcessRunner) =>
    createPowerShellMachine({
      modulePath: join(moduleFolder, INTERPRETER_MODULE_FILE),
      moduleSha256: INTERPRETER_MODULE_SHA256,
      launcherPath: join(moduleFolder, ELEVATED_LAUNCHER_FILE),
      launcherSha256: ELEVATED_LAUNCHER_SHA256,
      createSession: () => createNodePowerShellSession(WINDOWS_POWERSHELL),
      processRunner: runner,
      powershellPath: WINDOWS_POWERSHELL,
    });
  const reg = (...args: string[]) => execFileSync('reg.exe', args, { stdio: 'ignore' });

  it('refuses before any prompt while HKCU\\Environment names a runtime hook', async () => {
    // 0: profiling off, harmless should it reach a process after all.
    reg('add', 'HKCU\\Environment', '/v', 'COR_ENABLE_PROFILING', '/t', 'REG_SZ', '/d', '0', '/f');
    try {
      const results = await windowsMachine(childProcessRunner).run([RESOLVE], {
        mode: 'write',
        elevated: true,
      });
      expect(results).toEqual([
        {
          ok: false,
          error: {
            code: 'skipped',
            message: expect.stringMatching(
              /did not ask for administrator permission: .*COR_ENABLE_PROFILING/,
            ),
          },
        },
      ]);
    } finally {
      reg('delete', 'HKCU\\Environment', '/v', 'COR_ENABLE_PROFILING', '/f');
    }
  });

  it("does not hand the unelevated hop's environment to the elevated PowerShell (runas builds it from the registry)", async () => {
    // Were it handed on, the launcher would find the canary and refuse: then the app's allow-list is what keeps
    // hooks out, and the registry check above matters less; either way nothing passes.
    const withCanary: ProcessRunner = {
      run: (file, args, options) =>
        childProcessRunner.run(file, args, {
          ...options,
          env: { ...options.env, COMPlus_RdpRepairCanary: '1' },
        }),
    };
    const results = await windowsMachine(withCanary).run([RESOLVE], { mode: 'read', elevated: true });
    expect(results).toEqual([RESOLVED]);
  });
});
