import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { PowerShell } from 'node-powershell';
import type { MachinePort } from '../port.js';
import {
  ELEVATED_LAUNCHER_FILE,
  ELEVATED_LAUNCHER_SHA256,
  INTERPRETER_MODULE_FILE,
  INTERPRETER_MODULE_SHA256,
} from './module-hashes.js';
import {
  createPowerShellMachine,
  type PowerShellSession,
  type ProcessOutcome,
  type ProcessRunner,
} from './powershell-machine.js';
import { WINDOWS_POWERSHELL } from './windows-powershell-path.js';

/*
 * The real process-spawning parts, kept out of powershell-machine.ts so that one is tested with recorded outputs.
 * Only runs on Windows; nothing here is used by the simulated machine.
 */

/**
 * node-powershell takes NODE_POWERSHELL from the environment over the executable it is given. A same-user
 * process can set that variable, so this subclass keeps exactly the executable passed in.
 */
class PinnedPowerShell extends PowerShell {
  protected override setExecutable(options: { executable?: string }): string {
    if (!options.executable) throw new Error('No PowerShell executable was given.');
    return options.executable;
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: the escape character is what is matched
const TERMINAL_SEQUENCE = /\u001b(?:\[[0-9;?]*[ -/]*[@-~]|[@-Z\\-_])/g;

/**
 * pwsh on Linux and macOS writes console mode sequences (ESC [?1h, ESC [?1l) around each command's output even
 * when stdout is a pipe. They are the console's, not the interpreter's (whose document is pure ASCII JSON).
 */
export function withoutTerminalSequences(text: string): string {
  return text.replace(TERMINAL_SEQUENCE, '');
}

/**
 * A PowerShell kept open between batches. Commands go in whole, one line each; no `$` template is used. The
 * answer is stdout alone: node-powershell's `raw` is stderr instead whenever stderr is not empty (a warning
 * from a profile or a module is enough), and the interpreter's document is always on stdout.
 */
export function createNodePowerShellSession(powershellPath: string): PowerShellSession {
  const shell = new PinnedPowerShell({
    executable: powershellPath,
    executableOptions: { '-NoProfile': true, '-NonInteractive': true, '-ExecutionPolicy': 'Bypass' },
    spawnOptions: { windowsHide: true },
    outputEncoding: 'utf8',
    throwOnInvocationError: false,
  });
  // The pipe closes when the process ends, by dispose() or on its own (killed, crashed).
  const exited = new Promise<void>((resolve) => {
    shell.streams.stdout.once('close', () => resolve());
  });
  return {
    exited,
    invoke: async (command) => {
      const result = await shell.invoke(command);
      return {
        stdout: withoutTerminalSequences(result.stdout?.toString('utf8') ?? ''),
        stderr: withoutTerminalSequences(result.stderr?.toString('utf8') ?? ''),
      };
    },
    dispose: () => shell.dispose(),
  };
}

export const childProcessRunner: ProcessRunner = {
  run(file, args, { timeoutMs, env }) {
    return new Promise<ProcessOutcome>((resolve, reject) => {
      execFile(
        file,
        [...args],
        {
          timeout: timeoutMs,
          windowsHide: true,
          maxBuffer: 16 * 1024 * 1024,
          encoding: 'utf8',
          ...(env ? { env } : {}),
        },
        (error, stdout, stderr) => {
          if (error && typeof error.code !== 'number') {
            reject(error);
            return;
          }
          resolve({ exitCode: error ? Number(error.code) : 0, stdout, stderr });
        },
      );
    });
  },
};

/**
 * The real machine, for the app and the CLI: the interpreter module and elevated launcher from `moduleFolder`
 * (`resources/powershell` when packaged, `machine/powershell` from source), each checked against its build-time hash.
 */
/** `ownerWindow`: the app window's handle for the UAC prompt (none from the command line). */
export function createWindowsMachine(
  moduleFolder: string,
  ownerWindow?: () => string | undefined,
): MachinePort {
  const powershellPath = WINDOWS_POWERSHELL;
  return createPowerShellMachine({
    modulePath: join(moduleFolder, INTERPRETER_MODULE_FILE),
    moduleSha256: INTERPRETER_MODULE_SHA256,
    launcherPath: join(moduleFolder, ELEVATED_LAUNCHER_FILE),
    launcherSha256: ELEVATED_LAUNCHER_SHA256,
    createSession: () => createNodePowerShellSession(powershellPath),
    processRunner: childProcessRunner,
    powershellPath,
    ...(ownerWindow ? { ownerWindow } : {}),
  });
}
