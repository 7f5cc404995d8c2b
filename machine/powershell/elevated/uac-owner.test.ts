import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { Op } from '../../../shared/ops.js';
import {
  ELEVATED_LAUNCHER_FILE,
  ELEVATED_LAUNCHER_SHA256,
  INTERPRETER_MODULE_FILE,
  INTERPRETER_MODULE_SHA256,
} from '../module-hashes.js';
import { createPowerShellMachine, type ProcessRunner } from '../powershell-machine.js';
import { UAC_DECLINED_EXIT_CODE } from './elevation-commands.js';

/*
 * The UAC prompt's owner (issue 23): the app window's handle, asked when the elevated batch starts, reaches the
 * elevation script's start info. Windows itself (the prompt coming to the front) is for the first Windows run.
 */

// The module folder as the app lays it out: the interpreter, and the launcher under elevated/.
const moduleFolder = dirname(dirname(fileURLToPath(import.meta.url)));
const UDP: Op = {
  op: 'registry.setValue',
  path: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client',
  name: 'fClientDisableUDP',
  value: { type: 'REG_DWORD', data: 1 },
};

function machineWithOwner(ownerWindow?: () => string | undefined) {
  const commands: string[] = [];
  const runner: ProcessRunner = {
    async run(_file, args) {
      commands.push(args.at(-1) ?? '');
      // The user says no: nothing runs elevated, and the test needs no pipe answer.
      return { exitCode: UAC_DECLINED_EXIT_CODE, stdout: '', stderr: '' };
    },
  };
  const machine = createPowerShellMachine({
    modulePath: join(moduleFolder, INTERPRETER_MODULE_FILE),
    moduleSha256: INTERPRETER_MODULE_SHA256,
    launcherPath: join(moduleFolder, ELEVATED_LAUNCHER_FILE),
    launcherSha256: ELEVATED_LAUNCHER_SHA256,
    createSession: () => {
      throw new Error('no session expected');
    },
    processRunner: runner,
    ...(ownerWindow ? { ownerWindow } : {}),
  });
  return { machine, commands };
}

describe('the owner window of the UAC prompt', () => {
  it('reaches the elevation command, asked at the moment of elevation', async () => {
    let handle = '1001';
    const { machine, commands } = machineWithOwner(() => handle);
    handle = '1312004';
    const [result] = await machine.run([UDP], { mode: 'write', elevated: true });
    expect(result).toMatchObject({ ok: false, error: { code: 'permission-not-granted' } });
    expect(commands).toHaveLength(1);
    expect(commands[0]).toContain('$start.ErrorDialogParentHandle = [IntPtr][long]1312004;');
  });

  it('without a window (the command line, a closed window) the prompt has no owner', async () => {
    for (const owner of [undefined, () => undefined]) {
      const { machine, commands } = machineWithOwner(owner);
      await machine.run([UDP], { mode: 'write', elevated: true });
      expect(commands[0]).not.toContain('ErrorDialogParentHandle');
    }
  });
});
