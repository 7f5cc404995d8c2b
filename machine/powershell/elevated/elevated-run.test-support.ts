import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pwshForTests } from '../../../test/support/pwsh-for-tests.js';
import {
  ELEVATED_LAUNCHER_FILE,
  ELEVATED_LAUNCHER_SHA256,
  INTERPRETER_MODULE_FILE,
} from '../module-hashes.js';
import { sha256Hex } from '../module-integrity.js';
import { createPowerShellMachine, type ProcessRunner } from '../powershell-machine.js';
import { childProcessRunner, createNodePowerShellSession } from '../powershell-processes.js';

/*
 * The elevated path with real pwsh processes, for the *.pwsh.test.ts suites beside it: the machine, the
 * launcher, the module and the answer channel are all real; only the UAC hop is stood in for (Linux has no
 * runas), and other processes of "the same user" can be started to dial the pipe meanwhile.
 */

// The module folder as the app lays it out: the interpreter, and the launcher under elevated/.
const moduleFolder = dirname(dirname(fileURLToPath(import.meta.url)));
const MODULE_TEXT = readFileSync(join(moduleFolder, INTERPRETER_MODULE_FILE), 'utf8');

export const pwsh = pwshForTests();

export interface Scratch {
  folder: string;
  dispose(): void;
}

export function scratchFolder(prefix: string): Scratch {
  const folder = mkdtempSync(join(tmpdir(), prefix));
  return { folder, dispose: () => rmSync(folder, { recursive: true, force: true }) };
}

/** The shipped module, optionally followed by PowerShell that redefines an op, with its own hash. */
export function moduleFile(folder: string, extra = ''): { modulePath: string; moduleSha256: string } {
  const text = extra ? `${MODULE_TEXT}\n${extra}\n` : MODULE_TEXT;
  const modulePath = join(folder, `module-${sha256Hex(text).slice(0, 12)}.psm1`);
  writeFileSync(modulePath, text, 'utf8');
  return { modulePath, moduleSha256: sha256Hex(text) };
}

/** What the elevated launch text carries that another process could learn (from the pipe list, a command line). */
export interface LaunchParameters {
  pipeName: string;
  nonce: string;
}

function decodedElevatedScript(args: readonly string[]): string | undefined {
  const encoded = /-EncodedCommand ' \+ '([A-Za-z0-9+/=]+)'/.exec(args.at(-1) ?? '')?.[1];
  return encoded === undefined ? undefined : Buffer.from(encoded, 'base64').toString('utf16le');
}

/**
 * Stands in for the UAC hop only: runs the elevated command the elevation script carries (-EncodedCommand)
 * directly, in a real pwsh, with the environment the app gave the hop. `before` runs first, knowing what an
 * intruder could know; `env` may change what the elevated process starts with.
 */
export function runasStandIn(
  before?: (launch: LaunchParameters) => Promise<void>,
  env?: (given: NodeJS.ProcessEnv | undefined) => NodeJS.ProcessEnv | undefined,
): ProcessRunner {
  return {
    async run(file, args, options) {
      const script = decodedElevatedScript(args);
      if (script === undefined) return childProcessRunner.run(file, args, options);
      const launch = {
        pipeName: / -PipeName '([0-9a-z-]+)'/.exec(script)?.[1] ?? '',
        nonce: / -Nonce '([0-9a-f]+)'/.exec(script)?.[1] ?? '',
      };
      await before?.(launch);
      const encoded = Buffer.from(script, 'utf16le').toString('base64');
      const childEnv = env ? env(options.env) : options.env;
      return childProcessRunner.run(file, ['-NoProfile', '-NonInteractive', '-EncodedCommand', encoded], {
        ...options,
        ...(childEnv ? { env: childEnv } : {}),
      });
    },
  };
}

export function elevatedMachine(folder: string, runner: ProcessRunner, extra = '') {
  return createPowerShellMachine({
    ...moduleFile(folder, extra),
    launcherPath: join(moduleFolder, ELEVATED_LAUNCHER_FILE),
    launcherSha256: ELEVATED_LAUNCHER_SHA256,
    createSession: () => createNodePowerShellSession(pwsh),
    processRunner: runner,
    powershellPath: pwsh,
    timeoutMs: 30_000,
  });
}

/** Another process of the same user: a pwsh running `script`, stopped by `stop()` (by its own pid). */
export interface Intruder {
  /** Resolves when the script has printed `line`; rejects if it ends or 15 s pass first. */
  printed(line: string): Promise<void>;
  stop(): void;
}

export function startIntruder(script: string): Intruder {
  const child: ChildProcess = spawn(pwsh, ['-NoProfile', '-NonInteractive', '-Command', script], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  return {
    printed(line) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => finish(new Error(`no "${line}" within 15 s: ${output}`)), 15_000);
        const check = (): void => {
          if (output.includes(line)) finish();
        };
        const ended = (): void => finish(new Error(`the intruder ended before "${line}": ${output}`));
        function finish(error?: Error): void {
          clearTimeout(timer);
          child.stdout?.off('data', check);
          child.off('exit', ended);
          if (error) reject(error);
          else resolve();
        }
        child.stdout?.on('data', check);
        child.once('exit', ended);
        check();
      });
    },
    stop() {
      if (child.exitCode === null && child.pid !== undefined) process.kill(child.pid);
    },
  };
}

/** PowerShell that opens one client connection to the app's pipe, as any process of the user could. */
export function connectScript(pipeName: string): string {
  return `$p = New-Object System.IO.Pipes.NamedPipeClientStream ('.', '${pipeName}', [System.IO.Pipes.PipeDirection]::Out); $p.Connect(5000)`;
}

/** PowerShell that sends `text` (UTF-8) over a fresh connection and closes it. */
export function sendScript(pipeName: string, text: string): string {
  const base64 = Buffer.from(text, 'utf8').toString('base64');
  return `${connectScript(pipeName)}; $b = [Convert]::FromBase64String('${base64}'); try { $p.Write($b, 0, $b.Length); $p.Flush() } catch { }; $p.Dispose()`;
}
