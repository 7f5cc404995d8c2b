import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ELEVATED_LAUNCHER_FILE,
  INTERPRETER_MODULE_FILE,
  INTERPRETER_MODULE_SHA256,
} from '../module-hashes.js';
import type { ProcessOutcome, ProcessRunner } from '../powershell-machine.js';
import { MODULE_FOLDER, machineWith, UDP_POLICY } from '../powershell-machine.test-support.js';
import { elevatedEnvironment } from './elevated-environment.js';
import { pipePath } from './result-pipe.js';

/*
 * The PowerShell machine's elevated batch (run-elevated.ts) with the UAC hop played by a fake runner that reads
 * the launch text and answers over the app's pipe like the launcher. The real launcher: the .pwsh.test.ts suites.
 */

let workDir: string;
beforeEach(() => {
  workDir = mkdtempSync(join(tmpdir(), 'ps-machine-test-'));
});
afterEach(() => {
  rmSync(workDir, { recursive: true, force: true });
});

/** What the elevated launch text carries: the batch, the app's pipe and the nonce its answer must start with. */
function launchParameters(args: readonly string[]): { batch: string; pipeName: string; nonce: string } {
  const script = decodeElevatedScript(args);
  const encodedBatch = / -EncodedBatch '([A-Za-z0-9+/=]+)'/.exec(script)?.[1] ?? '';
  return {
    batch: Buffer.from(encodedBatch, 'base64').toString('utf8'),
    pipeName: / -PipeName '([0-9a-z-]+)'/.exec(script)?.[1] ?? '',
    nonce: / -Nonce '([0-9a-f]+)'/.exec(script)?.[1] ?? '',
  };
}

/** Sends an answer to the app's pipe as the launcher would (or with another nonce, as an intruder would). */
function sendToPipe(pipeName: string, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(pipePath(pipeName), () => socket.end(text, () => resolve()));
    socket.on('error', reject);
  });
}

/** Plays the elevated PowerShell: reads the batch from the launch text, answers over the pipe like the launcher. */
function elevatedRunner(
  answer: (batch: string) => { exitCode: number; results?: string; intruder?: string },
): {
  runner: ProcessRunner;
  calls: Array<{ file: string; args: readonly string[] }>;
} {
  const calls: Array<{ file: string; args: readonly string[] }> = [];
  const runner: ProcessRunner = {
    async run(file, args) {
      calls.push({ file, args });
      const { batch, pipeName, nonce } = launchParameters(args);
      const { exitCode, results, intruder } = answer(batch);
      if (intruder !== undefined) await sendToPipe(pipeName, intruder);
      if (results !== undefined) await sendToPipe(pipeName, `${nonce}\n${results}`);
      return { exitCode, stdout: '', stderr: '' } satisfies ProcessOutcome;
    },
  };
  return { runner, calls };
}

function decodeElevatedScript(args: readonly string[]): string {
  const outer = args.at(-1)!;
  const encoded = /-EncodedCommand ' \+ '([A-Za-z0-9+/=]+)'/.exec(outer)?.[1];
  if (!encoded) throw new Error('no encoded command');
  return Buffer.from(encoded, 'base64').toString('utf16le');
}

function base64Strings(script: string): string[] {
  return [...script.matchAll(/FromBase64String\('([A-Za-z0-9+/=]*)'\)/g)].map((m) =>
    Buffer.from(m[1]!, 'base64').toString('utf8'),
  );
}

describe('PowerShell machine: elevated batch', () => {
  it('passes the shipped module hash and the batch in the launch text, runs the verified launcher text, and reads results from the pipe', async () => {
    let batchSeen = '';
    const { runner, calls } = elevatedRunner((batch) => {
      batchSeen = batch;
      return { exitCode: 0, results: '\uFEFF{"protocol":1,"results":[{"ok":true,"value":null}]}' };
    });
    const { machine } = machineWith([], { processRunner: runner, powershellPath: 'C:\\PS\\powershell.exe' });
    const results = await machine.run([UDP_POLICY], { mode: 'write', elevated: true });
    expect(results).toEqual([{ ok: true, value: null }]);
    expect(calls).toHaveLength(1);
    const { file, args } = calls[0]!;
    expect(file).toBe('C:\\PS\\powershell.exe');
    expect(args.slice(0, 5)).toEqual([
      '-NoProfile',
      '-NonInteractive',
      '-ExecutionPolicy',
      'Bypass',
      '-Command',
    ]);
    expect(args[5]).toContain("$start.Verb = 'runas'");
    expect(args[5]).toContain('[Diagnostics.Process]::Start($start)');
    expect(args[5]).not.toContain('Start-Process');

    const elevated = decodeElevatedScript(args);
    expect(elevated).toContain(`-ModuleHash '${INTERPRETER_MODULE_SHA256}'`);
    expect(JSON.parse(batchSeen)).toEqual({ ops: [UDP_POLICY], mode: 'write', elevated: true });
    const decoded = base64Strings(elevated);
    expect(decoded).toContain(readFileSync(join(MODULE_FOLDER, ELEVATED_LAUNCHER_FILE), 'utf8'));
    expect(decoded).toContain(join(MODULE_FOLDER, INTERPRETER_MODULE_FILE));
    // Nothing for the elevated side to read or write on disk, and the pipe is gone afterwards.
    expect(elevated).not.toMatch(/RunFolder|batch\.json|results\.json/);
    const { pipeName } = launchParameters(args);
    if (process.platform !== 'win32') expect(existsSync(pipePath(pipeName))).toBe(false);
  });

  it('ignores an answer without the nonce (another process dialling the pipe first) and reads the real one', async () => {
    const forged = '{"protocol":1,"results":[{"ok":true,"value":null}]}';
    const { runner } = elevatedRunner(() => ({
      exitCode: 0,
      intruder: `not-the-nonce\n${forged}`,
      results:
        '{"protocol":1,"results":[{"ok":false,"error":{"code":"access-denied","message":"Access is denied."}}]}',
    }));
    const { machine } = machineWith([], { processRunner: runner });
    const results = await machine.run([UDP_POLICY], { mode: 'write', elevated: true });
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'access-denied' } });
  });

  it('says the elevated side sent nothing when no answer with the nonce came', async () => {
    const { runner } = elevatedRunner(() => ({ exitCode: 0, intruder: 'x\n{}' }));
    const { machine } = machineWith([], { processRunner: runner });
    const results = await machine.run([UDP_POLICY], { mode: 'write', elevated: true });
    expect(results[0]).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/without sending its results/) },
    });
  });

  it("starts the elevation with the allow-listed environment only, never the app's own", async () => {
    const given: (NodeJS.ProcessEnv | undefined)[] = [];
    const runner: ProcessRunner = {
      async run(_file, args, options) {
        given.push(options.env);
        const { pipeName, nonce } = launchParameters(args);
        await sendToPipe(pipeName, `${nonce}\n{"protocol":1,"results":[{"ok":true,"value":null}]}`);
        return { exitCode: 0, stdout: '', stderr: '' };
      },
    };
    const planted = {
      DOTNET_STARTUP_HOOKS: '/tmp/hook.dll',
      COR_ENABLE_PROFILING: '1',
      RDP_REPAIR_PROBE: 'x',
    };
    Object.assign(process.env, planted);
    try {
      const { machine } = machineWith([], { processRunner: runner, powershellPath: '/opt/pwsh/pwsh' });
      const results = await machine.run([UDP_POLICY], { mode: 'write', elevated: true });
      expect(results).toEqual([{ ok: true, value: null }]);
      expect(given).toEqual([elevatedEnvironment('/opt/pwsh/pwsh', process.env)]);
      for (const name of Object.keys(planted)) expect(given[0]).not.toHaveProperty(name);
    } finally {
      for (const name of Object.keys(planted)) delete process.env[name];
    }
  });

  it("does not ask for elevation while the user's registry environment names a runtime hook, and says which", async () => {
    const { runner, calls } = elevatedRunner(() => ({ exitCode: 0 }));
    const refusing: ProcessRunner = {
      async run(file, args, options) {
        // What the elevation script does on Windows when HKCU\Environment holds one (checked before runas).
        expect(args.at(-1)).toContain("OpenSubKey('Environment')");
        await runner.run(file, args, options).catch(() => undefined);
        return {
          exitCode: 2,
          stdout:
            'rdp-repair-environment-refused:COR_ENABLE_PROFILING,COR_PROFILER_PATH,EVIL\u202eNAME;x\r\n',
          stderr: '',
        };
      },
    };
    const { machine } = machineWith([], { processRunner: refusing });
    const started = Date.now();
    const [result] = await machine.run([UDP_POLICY], { mode: 'write', elevated: true });
    expect(calls).toHaveLength(1);
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'skipped',
        message: expect.stringMatching(
          /^RDP Repair did not ask for administrator permission: .*COR_ENABLE_PROFILING, COR_PROFILER_PATH and another variable\b/,
        ),
      },
    });
    expect((result as { error: { message: string } }).error.message).not.toMatch(/EVIL|\u202e/);
    // Said at once: no wait for an answer that cannot come.
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('answers permission-not-granted for every op when UAC is declined', async () => {
    const { runner } = elevatedRunner(() => ({ exitCode: 1223 }));
    const { machine } = machineWith([], { processRunner: runner });
    const results = await machine.run([UDP_POLICY, { op: 'policy.refresh' }], {
      mode: 'write',
      elevated: true,
    });
    expect(results.every((r) => !r.ok && r.error.code === 'permission-not-granted')).toBe(true);
  });

  it('passes on the launcher refusing a module whose hash differs', async () => {
    const refusal =
      '{"protocol":1,"error":{"code":"failed","message":"The interpreter module does not match the one shipped with RDP Repair (SHA-256 differs)."},"started":false}';
    const { runner } = elevatedRunner(() => ({ exitCode: 3, results: refusal }));
    const { machine } = machineWith([], { processRunner: runner });
    const results = await machine.run([UDP_POLICY], { mode: 'write', elevated: true });
    expect(results[0]).toMatchObject({
      ok: false,
      error: { code: 'skipped', message: expect.stringContaining('SHA-256 differs') },
    });
  });

  it('never prompts for elevation when the module on disk was swapped', async () => {
    const tampered = join(workDir, 'swapped.psm1');
    writeFileSync(tampered, 'Invoke-Expression $evil');
    const { runner, calls } = elevatedRunner(() => ({ exitCode: 0 }));
    const { machine } = machineWith([], { processRunner: runner, modulePath: tampered });
    const results = await machine.run([UDP_POLICY], { mode: 'write', elevated: true });
    expect(calls).toHaveLength(0);
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'skipped' } });
  });

  it('never runs a launcher whose hash differs', async () => {
    const launcher = join(workDir, 'launcher.ps1');
    writeFileSync(launcher, 'param($ModulePath) Import-Module $ModulePath');
    const { runner, calls } = elevatedRunner(() => ({ exitCode: 0 }));
    const { machine } = machineWith([], { processRunner: runner, launcherPath: launcher });
    const results = await machine.run([UDP_POLICY], { mode: 'write', elevated: true });
    expect(calls).toHaveLength(0);
    expect(results[0]?.ok).toBe(false);
  });

  it('fails every op with a clear message when the elevated process leaves no results', async () => {
    const { runner } = elevatedRunner(() => ({ exitCode: 1 }));
    const { machine } = machineWith([], { processRunner: runner });
    const results = await machine.run([UDP_POLICY], { mode: 'write', elevated: true });
    expect(results[0]).toMatchObject({
      ok: false,
      error: { code: 'failed', message: expect.stringContaining('exit code 1') },
    });
  });
});
