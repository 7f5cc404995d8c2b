import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Op } from '../../shared/ops.js';
import { elevatedEnvironment } from './elevated-environment.js';
import { parseInterpreterOutput } from './interpreter-output.js';
import {
  ELEVATED_LAUNCHER_FILE,
  ELEVATED_LAUNCHER_SHA256,
  INTERPRETER_MODULE_FILE,
  INTERPRETER_MODULE_SHA256,
} from './module-hashes.js';
import { SESSION_READY } from './powershell-commands.js';
import {
  createPowerShellMachine,
  type PowerShellMachineOptions,
  type PowerShellSession,
  type ProcessOutcome,
  type ProcessRunner,
  type SessionAnswer,
} from './powershell-machine.js';
import { pipePath } from './result-pipe.js';

const here = dirname(fileURLToPath(import.meta.url));
const recorded = (name: string) => readFileSync(join(here, 'fixtures', 'recorded', name), 'utf8');

const READ_OPS: Op[] = [
  {
    op: 'registry.readValue',
    path: 'HKCU\\Software\\Microsoft\\Terminal Server Client\\Servers\\pc',
    name: 'UsernameHint',
  },
  { op: 'credential.list', targetPrefix: 'TERMSRV/' },
  { op: 'file.read', folder: 'documents', name: 'Default.rdp' },
  { op: 'service.status', name: 'TermService' },
  {
    op: 'events.query',
    channel: 'Microsoft-Windows-TerminalServices-RDPClient/Operational',
    since: '2024-05-01T00:00:00Z',
    max: 50,
  },
];

const HOSTILE_HOST = "pc'; Remove-Item -Recurse C:\\; $(calc)";

const UDP_POLICY: Op = {
  op: 'registry.setValue',
  path: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client',
  name: 'fClientDisableUDP',
  value: { type: 'REG_DWORD', data: 1 },
};

/** A scripted PowerShell session: answers from a queue, records every command. */
class FakeSession implements PowerShellSession {
  readonly commands: string[] = [];
  disposed = false;
  onBatch: (() => void) | undefined;
  constructor(private readonly answers: Array<string | Error | 'hang'>) {}
  invoke(command: string): Promise<SessionAnswer> {
    this.commands.push(command);
    if (command.includes('New-Module'))
      return Promise.resolve({ stdout: `${SESSION_READY}\r\n`, stderr: '' });
    queueMicrotask(() => this.onBatch?.());
    const answer = this.answers.shift() ?? 'hang';
    if (answer === 'hang') return new Promise<SessionAnswer>(() => undefined);
    if (answer instanceof Error) return Promise.reject(answer);
    return Promise.resolve({ stdout: answer, stderr: '' });
  }
  dispose(): Promise<void> {
    this.disposed = true;
    return Promise.resolve();
  }
}

function decodeBatch(command: string): { ops: Op[]; mode: string; elevated: boolean } {
  const match = /^Invoke-RdpRepairBatch -EncodedBatch '([A-Za-z0-9+/]*={0,2})'$/.exec(command);
  if (!match) throw new Error(`unexpected command: ${command}`);
  return JSON.parse(Buffer.from(match[1]!, 'base64').toString('utf8'));
}

let workDir: string;
beforeEach(() => {
  workDir = mkdtempSync(join(tmpdir(), 'ps-machine-test-'));
});
afterEach(() => {
  rmSync(workDir, { recursive: true, force: true });
});

function machineWith(
  sessions: FakeSession[],
  overrides: Partial<PowerShellMachineOptions> = {},
): { machine: ReturnType<typeof createPowerShellMachine>; created: FakeSession[] } {
  const created: FakeSession[] = [];
  const idleRunner: ProcessRunner = { run: () => Promise.reject(new Error('no elevated run expected')) };
  const machine = createPowerShellMachine({
    modulePath: join(here, INTERPRETER_MODULE_FILE),
    moduleSha256: INTERPRETER_MODULE_SHA256,
    launcherPath: join(here, ELEVATED_LAUNCHER_FILE),
    launcherSha256: ELEVATED_LAUNCHER_SHA256,
    createSession: () => {
      const session = sessions.shift() ?? new FakeSession([]);
      created.push(session);
      return session;
    },
    processRunner: idleRunner,
    timeoutMs: 200,
    ...overrides,
  });
  return { machine, created };
}

describe('parseInterpreterOutput (recorded outputs, hand-written)', () => {
  it('reads a 5.1 document with a BOM, CRLF and \\u escapes, keeping a single-item array an array', () => {
    const results = parseInterpreterOutput(recorded('read-batch.ps51-ascii.txt'), READ_OPS);
    expect(results[0]).toEqual({
      ok: true,
      value: { exists: true, value: { type: 'REG_SZ', data: "CONTOSO\\jörg 'admin'" } },
    });
    expect(results[1]).toEqual({
      ok: true,
      value: [{ target: 'TERMSRV/pc.contoso.com', type: 'DomainPassword', user: 'CONTOSO\\jörg' }],
    });
    expect(results[2]).toEqual({ ok: true, value: { exists: false } });
    expect(results[4]?.ok && Array.isArray(results[4].value) && results[4].value.length).toBe(1);
  });

  it('reads the same document printed as raw UTF-8 identically', () => {
    expect(parseInterpreterOutput(recorded('read-batch.pwsh7-utf8.txt'), READ_OPS)).toEqual(
      parseInterpreterOutput(recorded('read-batch.ps51-ascii.txt'), READ_OPS),
    );
  });

  it('passes typed error entries through', () => {
    const ops: Op[] = [UDP_POLICY, UDP_POLICY, { op: 'policy.refresh' }];
    const results = parseInterpreterOutput(recorded('write-stopped.txt'), ops);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'access-denied', 'skipped']);
  });

  it('turns a batch-level error into "nothing was run" for every op (never "may have run")', () => {
    const results = parseInterpreterOutput(recorded('batch-error.txt'), READ_OPS);
    expect(results).toHaveLength(READ_OPS.length);
    for (const result of results) {
      expect(result).toEqual({
        ok: false,
        error: { code: 'skipped', message: 'Nothing was run: The batch JSON repeats a key.' },
      });
    }
  });

  it('keeps the error code when the elevated launcher says the batch had started', () => {
    const raw = '{"protocol":1,"error":{"code":"failed","message":"out of memory"},"started":true}';
    expect(parseInterpreterOutput(raw, READ_OPS)[0]).toEqual({
      ok: false,
      error: { code: 'failed', message: 'out of memory' },
    });
  });

  it('fails every op with a clear message on CLIXML garbage', () => {
    const results = parseInterpreterOutput(recorded('clixml-garbage.txt'), READ_OPS);
    for (const result of results) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(/not JSON.*CLIXML/);
    }
  });

  it('fails every op when the result count does not match', () => {
    const results = parseInterpreterOutput(recorded('count-mismatch.txt'), READ_OPS);
    expect(results).toHaveLength(READ_OPS.length);
    for (const result of results) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toContain('1 results for 5 ops');
    }
  });

  it('fails only the ops whose value has the wrong shape', () => {
    const results = parseInterpreterOutput(recorded('wrong-shape.txt'), READ_OPS.slice(0, 2));
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['failed', 'failed']);
    if (!results[1]!.ok) expect(results[1]!.error.message).toContain('credential.list');
  });

  it('finds the document after a warning line', () => {
    const results = parseInterpreterOutput(recorded('profile-noise.txt'), [READ_OPS[2]!]);
    expect(results).toEqual([{ ok: true, value: { exists: false } }]);
  });

  it('never throws on empty output', () => {
    expect(parseInterpreterOutput('', [READ_OPS[0]!])[0]?.ok).toBe(false);
  });
});

describe('PowerShell machine: unelevated session', () => {
  it('sends only Invoke-RdpRepairBatch with the batch as base64, never the raw data', async () => {
    const session = new FakeSession([recorded('count-mismatch.txt')]);
    const { machine } = machineWith([session]);
    const ops: Op[] = [{ op: 'net.probeTcp', host: 'pc.contoso.com', port: 3389, timeoutMs: 2000 }];
    await machine.run(ops, { mode: 'read' });
    const batchCommands = session.commands.filter((c) => c.startsWith('Invoke-RdpRepairBatch'));
    expect(batchCommands).toHaveLength(1);
    expect(decodeBatch(batchCommands[0]!)).toEqual({ ops, mode: 'read', elevated: false });
  });

  it('keeps hostile text out of every command', async () => {
    const session = new FakeSession([recorded('count-mismatch.txt')]);
    const { machine } = machineWith([session]);
    const ops: Op[] = [
      { op: 'system.restorePoint', description: HOSTILE_HOST },
      {
        op: 'registry.setValue',
        path: 'HKCU\\Software\\X',
        name: HOSTILE_HOST,
        value: { type: 'REG_SZ', data: '$(calc)' },
      },
    ];
    await machine.run(ops, { mode: 'write' });
    for (const command of session.commands) {
      expect(command).not.toContain('Remove-Item');
      expect(command).not.toContain('$(calc)');
    }
    expect(decodeBatch(session.commands.at(-1)!).ops).toEqual(ops);
  });

  it('loads the module once and reuses the session', async () => {
    const session = new FakeSession([recorded('profile-noise.txt'), recorded('profile-noise.txt')]);
    const { machine, created } = machineWith([session]);
    await machine.run([READ_OPS[2]!], { mode: 'read' });
    const second = await machine.run([READ_OPS[2]!], { mode: 'read' });
    expect(second).toEqual([{ ok: true, value: { exists: false } }]);
    expect(created).toHaveLength(1);
    expect(session.commands.filter((c) => c.includes('New-Module'))).toHaveLength(1);
    expect(session.commands.some((c) => c.includes('Import-Module'))).toBe(false);
  });

  it('reports progress for every op', async () => {
    const { machine } = machineWith([new FakeSession([recorded('write-stopped.txt')])]);
    const seen: number[] = [];
    await machine.run([UDP_POLICY, UDP_POLICY, { op: 'policy.refresh' }], {
      mode: 'write',
      onOpDone: (index) => seen.push(index),
    });
    expect(seen).toEqual([0, 1, 2]);
  });

  it('says it is starting PowerShell before the first batch only, and when each batch goes to it', async () => {
    const session = new FakeSession([recorded('profile-noise.txt'), recorded('profile-noise.txt')]);
    const { machine } = machineWith([session]);
    const stages: string[] = [];
    const onStage = (stage: string) => stages.push(`${stage} after ${session.commands.length} commands`);
    await machine.run([READ_OPS[2]!], { mode: 'read', onStage });
    expect(stages).toEqual(['starting after 0 commands', 'running after 1 commands']);
    stages.length = 0;
    await machine.run([READ_OPS[2]!], { mode: 'read', onStage });
    expect(stages).toEqual(['running after 2 commands']);
  });

  it('never says running when PowerShell could not load the interpreter', async () => {
    const { machine } = machineWith([], { moduleSha256: '0'.repeat(64) });
    const stages: string[] = [];
    const results = await machine.run([READ_OPS[2]!], { mode: 'read', onStage: (s) => stages.push(s) });
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'skipped' } });
    expect(stages).toEqual(['starting']);
  });

  it('disposes a session that timed out and starts a fresh one for the next batch', async () => {
    const hung = new FakeSession(['hang']);
    const fresh = new FakeSession([recorded('profile-noise.txt')]);
    const { machine, created } = machineWith([hung, fresh]);
    const first = await machine.run([READ_OPS[2]!], { mode: 'read' });
    expect(first[0]).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(hung.disposed).toBe(true);
    const second = await machine.run([READ_OPS[2]!], { mode: 'read' });
    expect(second).toEqual([{ ok: true, value: { exists: false } }]);
    expect(created).toEqual([hung, fresh]);
  });

  it('marks a write batch whose session hung as failed (state unknown), so the caller rolls back', async () => {
    const { machine } = machineWith([new FakeSession(['hang'])]);
    const results = await machine.run([UDP_POLICY, UDP_POLICY], { mode: 'write' });
    for (const result of results) {
      expect(result).toMatchObject({ ok: false, error: { code: 'failed' } });
      if (!result.ok) expect(result.error.message).toMatch(/did not answer.*restarted/);
    }
  });

  it('recreates a session that died mid-batch on the next call', async () => {
    const dying = new FakeSession([new Error('process exited with code -1')]);
    const fresh = new FakeSession([recorded('profile-noise.txt')]);
    const { machine, created } = machineWith([dying, fresh]);
    const first = await machine.run([UDP_POLICY], { mode: 'write' });
    expect(first[0]).toMatchObject({ ok: false, error: { code: 'failed' } });
    if (!first[0]!.ok) expect(first[0]!.error.message).toContain('ended unexpectedly');
    expect(await machine.run([READ_OPS[2]!], { mode: 'read' })).toEqual([
      { ok: true, value: { exists: false } },
    ]);
    expect(created).toHaveLength(2);
  });

  it('cancels when the signal aborts while PowerShell runs, and recycles the session', async () => {
    const hung = new FakeSession(['hang']);
    const { machine } = machineWith([hung], { timeoutMs: 60_000 });
    const controller = new AbortController();
    hung.onBatch = () => controller.abort();
    const results = await machine.run(READ_OPS, { mode: 'read', signal: controller.signal });
    expect(results.every((r) => !r.ok && r.error.code === 'cancelled')).toBe(true);
    expect(hung.disposed).toBe(true);
  });

  it('cancels everything without touching PowerShell when already aborted', async () => {
    const { machine, created } = machineWith([]);
    const controller = new AbortController();
    controller.abort();
    const results = await machine.run(READ_OPS, { mode: 'read', signal: controller.signal });
    expect(results.every((r) => !r.ok && r.error.code === 'cancelled')).toBe(true);
    expect(created).toHaveLength(0);
  });

  it('refuses to load a module whose SHA-256 does not match the shipped hash', async () => {
    const tampered = join(workDir, INTERPRETER_MODULE_FILE);
    writeFileSync(
      tampered,
      `${readFileSync(join(here, INTERPRETER_MODULE_FILE), 'utf8')}\nStart-Process calc\n`,
    );
    const { machine, created } = machineWith([], { modulePath: tampered });
    const results = await machine.run(READ_OPS, { mode: 'read' });
    expect(created).toHaveLength(0);
    for (const result of results) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toContain('does not match');
    }
  });
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
    expect(decoded).toContain(readFileSync(join(here, ELEVATED_LAUNCHER_FILE), 'utf8'));
    expect(decoded).toContain(join(here, INTERPRETER_MODULE_FILE));
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
