import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Op } from '../../../shared/ops.js';
import { pwshForTests } from '../../../test/support/pwsh-for-tests.js';
import type { MachinePort } from '../../port.js';
import {
  ELEVATED_LAUNCHER_FILE,
  ELEVATED_LAUNCHER_SHA256,
  INTERPRETER_MODULE_FILE,
} from '../module-hashes.js';
import { sha256Hex } from '../module-integrity.js';
import {
  createPowerShellMachine,
  type PowerShellSession,
  type ProcessRunner,
} from '../powershell-machine.js';
import { childProcessRunner, createNodePowerShellSession } from '../powershell-processes.js';

/*
 * The node-powershell adapter and the PowerShell machine driving a real pwsh 7.6 session. Where a test needs
 * PowerShell to misbehave (write to stderr, die, hang, answer a megabyte), it runs the real module with one
 * op redefined after it: the session, the transport and the parsing are all real.
 */

const pwsh = pwshForTests();
const here = dirname(fileURLToPath(import.meta.url));
const MODULE_TEXT = readFileSync(join(here, '..', INTERPRETER_MODULE_FILE), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'rdp-repair-node-powershell-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** The shipped module, optionally followed by PowerShell that redefines an op, with its own hash. */
function moduleFile(extra = ''): { modulePath: string; moduleSha256: string } {
  const text = extra ? `${MODULE_TEXT}\n${extra}\n` : MODULE_TEXT;
  const modulePath = join(work, `module-${sha256Hex(text).slice(0, 12)}.psm1`);
  writeFileSync(modulePath, text, 'utf8');
  return { modulePath, moduleSha256: sha256Hex(text) };
}

/** system.facts redefined: the op every test below drives, since the real one needs CIM. */
function factsReturning(body: string): string {
  return `function Invoke-OpSystemFact { param($Op) $null = $Op; ${body} }`;
}

const FACTS: Op = { op: 'system.facts' };
const RESOLVE: Op = { op: 'net.resolve', host: '127.0.0.1' };

let sessions: PowerShellSession[] = [];
let machines: MachinePort[] = [];
afterEach(async () => {
  // The machines first: a session ended under a machine counts as died, and would be started again.
  await Promise.all(machines.map((m) => m.close?.()));
  machines = [];
  await Promise.all(sessions.map((s) => s.dispose().catch(() => undefined)));
  sessions = [];
  delete process.env.NODE_POWERSHELL;
});

function realMachine(
  extra = '',
  options: {
    timeoutMs?: number;
    wrap?: (s: PowerShellSession) => PowerShellSession;
    runner?: ProcessRunner;
  } = {},
) {
  let created = 0;
  const machine = createPowerShellMachine({
    ...moduleFile(extra),
    launcherPath: join(here, '..', ELEVATED_LAUNCHER_FILE),
    launcherSha256: ELEVATED_LAUNCHER_SHA256,
    createSession: () => {
      created += 1;
      const session = createNodePowerShellSession(pwsh);
      sessions.push(session);
      return options.wrap ? options.wrap(session) : session;
    },
    processRunner: options.runner ?? childProcessRunner,
    powershellPath: pwsh,
    timeoutMs: options.timeoutMs ?? 30_000,
  });
  machines.push(machine);
  return { machine, created: () => created };
}

const facts = (value: Record<string, unknown>) => ({
  build: '10.0.1',
  edition: 'Test',
  elevated: false,
  user: 'alice',
  documentsFolder: '/tmp',
  powershellVersion: '7',
  ...value,
});

function factsScript(value: Record<string, unknown>): string {
  const entries = Object.entries(facts(value)).map(
    ([k, v]) =>
      `${k} = ${typeof v === 'boolean' ? (v ? '$true' : '$false') : `'${String(v).replace(/'/g, "''")}'`}`,
  );
  return `$script:OpValue = [ordered]@{ ${entries.join('; ')} }`;
}

describe('node-powershell driving a real pwsh session', () => {
  it('starts, loads the module from the verified bytes, runs a read batch and a second one in the same session', async () => {
    const { machine, created } = realMachine();
    const first = await machine.run(
      [
        RESOLVE,
        { op: 'registry.readValue', path: 'HKCU\\Software\\Microsoft\\Terminal Server Client', name: 'x' },
      ],
      { mode: 'read' },
    );
    expect(first[0]).toEqual({ ok: true, value: { addresses: ['127.0.0.1'] } });
    if (process.platform === 'win32') {
      // Windows has the registry: the value (named x, which no Windows sets) is read and found absent.
      expect(first[1]).toEqual({ ok: true, value: { exists: false } });
    } else {
      // Past every check, the registry call itself does not exist on Linux: a platform error, not a refusal.
      expect(first[1]).toMatchObject({
        ok: false,
        error: { code: 'failed', message: expect.stringMatching(/not supported on this platform/) },
      });
    }
    const second = await machine.run([RESOLVE], { mode: 'read' });
    expect(second[0]?.ok).toBe(true);
    expect(created()).toBe(1);
  });

  it('carries non-ASCII text and a 1 MB answer intact', async () => {
    const user = `J\u00f6rg \u2713 \u0645\u0631\u062d\u0628\u0627 ${'\u00fc'.repeat(1024 * 1024)}`;
    const { machine } = realMachine(
      factsReturning(
        `${factsScript({ user: 'x' })}; $script:OpValue['user'] = ('J' + [char]0x00F6 + 'rg ' + [char]0x2713 + ' ' + [char]0x0645 + [char]0x0631 + [char]0x062D + [char]0x0628 + [char]0x0627 + ' ' + ([string][char]0x00FC * 1048576))`,
      ),
    );
    const [result] = await machine.run([FACTS], { mode: 'read' });
    expect(result?.ok).toBe(true);
    expect(result?.ok && (result.value as { user: string }).user).toBe(user);
  });

  it('reads stdout when the batch also writes to stderr (node-powershell would hand back stderr as raw)', async () => {
    const { machine } = realMachine(
      factsReturning(`[Console]::Error.WriteLine('WARNING: a profile said something'); ${factsScript({})}`),
    );
    const [result] = await machine.run([FACTS], { mode: 'read' });
    expect(result).toEqual({ ok: true, value: facts({}) });
  });

  it('a session that dies mid-batch gives a clear error, and the next batch gets a fresh session', async () => {
    const { machine, created } = realMachine(factsReturning('[Environment]::Exit(9)'));
    const [died] = await machine.run([FACTS], { mode: 'read' });
    expect(died).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/PowerShell session ended unexpectedly/) },
    });
    const [next] = await machine.run([RESOLVE], { mode: 'read' });
    expect(next?.ok).toBe(true);
    expect(created()).toBe(2);
  });

  it('a batch that does not answer in time is stopped, the session recycled, and the next batch works', async () => {
    const { machine, created } = realMachine(factsReturning('Start-Sleep -Seconds 60'), { timeoutMs: 3000 });
    const [slow] = await machine.run([FACTS], { mode: 'read' });
    expect(slow).toMatchObject({
      ok: false,
      error: { code: 'cancelled', message: expect.stringMatching(/did not answer within 3 s/) },
    });
    const [next] = await machine.run([RESOLVE], { mode: 'read' });
    expect(next?.ok).toBe(true);
    expect(created()).toBe(2);
  });

  it('ignores NODE_POWERSHELL: the executable given is the one that runs', async () => {
    const impostor = join(work, 'impostor.sh');
    writeFileSync(impostor, '#!/bin/sh\necho impostor\nexit 1\n', { mode: 0o755 });
    process.env.NODE_POWERSHELL = impostor;
    const { machine } = realMachine(
      factsReturning(
        `${factsScript({})}; $script:OpValue['powershellVersion'] = $PSVersionTable.PSVersion.ToString()`,
      ),
    );
    const [result] = await machine.run([FACTS], { mode: 'read' });
    expect(result).toEqual({ ok: true, value: facts({ powershellVersion: '7.6.9' }) });
  });

  it("shows PowerShell's own reason when it refuses to load the module", async () => {
    const { machine } = realMachine('function Broken {');
    const [result] = await machine.run([RESOLVE], { mode: 'read' });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'skipped',
        message: expect.stringMatching(
          /PowerShell refused to load RDP Repair's interpreter: .*(Missing closing|})/,
        ),
      },
    });
  });

  it('says in one sentence, at once, when PowerShell runs in ConstrainedLanguage mode (AppLocker, WDAC)', async () => {
    const constrained = "$ExecutionContext.SessionState.LanguageMode = 'ConstrainedLanguage'";
    // What AppLocker does to every PowerShell: here both the session and the one-shot probe really run
    // constrained; node-powershell's framing then fails, so the session never answers.
    const { machine } = realMachine('', {
      timeoutMs: 20_000,
      wrap: (session) => {
        let restricted: Promise<unknown> | undefined;
        return {
          invoke: async (command) => {
            restricted ??= session.invoke(constrained);
            await restricted;
            return session.invoke(command);
          },
          dispose: () => session.dispose(),
        };
      },
      runner: {
        run: (file, args, options) =>
          childProcessRunner.run(file, [...args.slice(0, -1), `${constrained}; ${args.at(-1)}`], options),
      },
    });
    const started = Date.now();
    const [result] = await machine.run([RESOLVE], { mode: 'read' });
    expect(result).toMatchObject({
      ok: false,
      error: {
        code: 'skipped',
        message: expect.stringMatching(/^PowerShell runs in ConstrainedLanguage mode on this computer/),
      },
    });
    expect(Date.now() - started).toBeLessThan(20_000);
  });
});

/**
 * Stands in for the UAC hop only: the elevation script asks Windows for `runas`, which Linux has not, so this
 * runs the elevated command it carries (-EncodedCommand) directly, in a real pwsh. Everything else is real.
 */
const runasStandIn: ProcessRunner = {
  run(file, args, options) {
    const encoded = /-EncodedCommand ' \+ '([A-Za-z0-9+/=]+)'/.exec(args.at(-1) ?? '')?.[1];
    if (!encoded) return childProcessRunner.run(file, args, options);
    return childProcessRunner.run(
      file,
      ['-NoProfile', '-NonInteractive', '-EncodedCommand', encoded],
      options,
    );
  },
};

describe('the elevated path for real, but for the UAC hop', () => {
  it('runs the verified launcher text with the module hash and the batch in its launch text, answering over the app pipe', async () => {
    const { machine } = realMachine('', { runner: runasStandIn });
    const results = await machine.run([RESOLVE, { op: 'file.read', folder: 'documents', name: 'x.rdp' }], {
      mode: 'read',
      elevated: true,
    });
    expect(results[0]).toEqual({ ok: true, value: { addresses: ['127.0.0.1'] } });
    // The interpreter ran elevated: user-scope ops are refused there.
    expect(results[1]).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
  });

  it('a module swapped after the app checked it is refused by the launcher, and nothing runs', async () => {
    const module = moduleFile();
    const swapped = createPowerShellMachine({
      ...module,
      launcherPath: join(here, '..', ELEVATED_LAUNCHER_FILE),
      launcherSha256: ELEVATED_LAUNCHER_SHA256,
      createSession: () => createNodePowerShellSession(pwsh),
      processRunner: {
        run(file, args, options) {
          // Between the app's check and the launcher's, a same-user process rewrites the module file.
          writeFileSync(
            module.modulePath,
            `${MODULE_TEXT}\nfunction Invoke-OpNetResolve { param($Op) $script:OpValue = @{ addresses = @('6.6.6.6') } }\n`,
          );
          return runasStandIn.run(file, args, options);
        },
      },
      powershellPath: pwsh,
    });
    const results = await swapped.run([RESOLVE], { mode: 'write', elevated: true });
    expect(results).toEqual([
      {
        ok: false,
        error: {
          code: 'skipped',
          message: expect.stringMatching(/^Nothing was run: The interpreter module does not match/),
        },
      },
    ]);
  });

  it('no module from a same-user PSModulePath loads elevated, even for a command the batch uses', async () => {
    const planted = join(work, 'planted-modules');
    const marker = join(work, 'planted-ran.txt');
    // A same-user module that would shadow Get-Service if autoloading could reach it.
    const folder = join(planted, 'Evil');
    mkdirSync(folder, { recursive: true });
    writeFileSync(
      join(folder, 'Evil.psm1'),
      `function Get-Service { [IO.File]::WriteAllText('${marker}', 'ran') }\nExport-ModuleMember -Function Get-Service\n`,
    );
    writeFileSync(
      join(folder, 'Evil.psd1'),
      "@{ RootModule = 'Evil.psm1'; ModuleVersion = '1.0'; FunctionsToExport = @('Get-Service') }\n",
    );
    const before = process.env.PSModulePath;
    process.env.PSModulePath = planted;
    try {
      const { machine } = realMachine('', { runner: runasStandIn });
      const [result] = await machine.run([{ op: 'service.status', name: 'TermService' }], {
        mode: 'read',
        elevated: true,
      });
      // What matters is the marker. The answer itself: Windows has the service manager and answers (the
      // planted Get-Service is never loaded, so the real one says whether TermService exists); Linux has none.
      if (process.platform === 'win32') expect(result).toMatchObject({ ok: true, value: { exists: true } });
      else expect(result?.ok).toBe(false);
      expect(existsSync(marker)).toBe(false);
    } finally {
      if (before === undefined) delete process.env.PSModulePath;
      else process.env.PSModulePath = before;
    }
  });
});
