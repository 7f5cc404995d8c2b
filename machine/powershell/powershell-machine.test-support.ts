import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Op } from '../../shared/ops.js';
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
  type ProcessRunner,
  type SessionAnswer,
} from './powershell-machine.js';

/*
 * Test support for the PowerShell machine's unit tests (powershell-machine.test.ts, and the elevated batch's in
 * elevated/run-elevated.test.ts): a scripted session and a machine over the shipped module and launcher.
 */

/** The module folder as the app lays it out: the interpreter, and the launcher under elevated/. */
export const MODULE_FOLDER = fileURLToPath(new URL('.', import.meta.url));

export const UDP_POLICY: Op = {
  op: 'registry.setValue',
  path: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client',
  name: 'fClientDisableUDP',
  value: { type: 'REG_DWORD', data: 1 },
};

/** A scripted PowerShell session: answers from a queue, records every command. */
export class FakeSession implements PowerShellSession {
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

export function machineWith(
  sessions: FakeSession[],
  overrides: Partial<PowerShellMachineOptions> = {},
): { machine: ReturnType<typeof createPowerShellMachine>; created: FakeSession[] } {
  const created: FakeSession[] = [];
  const idleRunner: ProcessRunner = { run: () => Promise.reject(new Error('no elevated run expected')) };
  const machine = createPowerShellMachine({
    modulePath: join(MODULE_FOLDER, INTERPRETER_MODULE_FILE),
    moduleSha256: INTERPRETER_MODULE_SHA256,
    launcherPath: join(MODULE_FOLDER, ELEVATED_LAUNCHER_FILE),
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
