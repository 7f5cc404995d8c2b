import { basename } from 'node:path';
import type { IpcChannel, RemoteComputer, RemoteOpenRequest } from '../shared/ipc.js';
import { EngineError } from './engine-error.js';
import { createIpcHandlers, handler, type IpcHandlerDeps, type IpcHandlers } from './ipc-handlers.js';

/*
 * "Check and fix it from here" (issue 26): the app's IPC over two engines. This PC's engine answers until
 * remote:open succeeds; from then on the checks, fixes, undo, recovery and the journal go to a second engine
 * built on the remote port (its journal on this PC, in that computer's folder) until remote:close. What stays
 * this PC's: the list of repairs, the saved host names, Remote Desktop Connection, the Windows tools.
 *
 * The secrets stay in main: the SSH key is the file main's own dialog chose (the page only learns its name),
 * and the password goes to the host's opener and nowhere else (never in an answer, never kept here).
 */

/** What a host opens for one remote computer: the machine side of the second engine, and how to close it. */
export interface RemoteSession
  extends Pick<IpcHandlerDeps, 'machine' | 'network' | 'dataDir' | 'lockFile' | 'now' | 'preview'> {
  remote: RemoteComputer;
  /** The machine's label, e.g. "server01 over PowerShell remoting (WinRM)". */
  label: string;
  close(): Promise<void>;
}

export interface RemoteDeps {
  /** Opens the remote port (connected, the interpreter loaded there), or the port's one sentence why not. */
  open(request: RemoteOpenRequest, keyFile: string | undefined): Promise<RemoteSession | string>;
  /** Main's file dialog for the SSH key; the path it answers stays here. Absent where there is no dialog. */
  chooseKey?: () => Promise<string | undefined>;
}

/** The channels that follow the computer being worked on; the others are always this PC's. */
const ROUTED = [
  'repair:scan',
  'repair:apply',
  'repair:cancel',
  'repair:undo',
  'history:list',
  'recovery:pending',
  'recovery:rollback',
  'report:get',
  'report:handoff',
] as const satisfies readonly IpcChannel[];

interface Current {
  session: RemoteSession;
  handlers: IpcHandlers;
}

/** This PC's handlers with remote:choose-key, remote:open and remote:close, and the routed channels following. */
export function withRemoteHandlers(
  local: IpcHandlers,
  localDeps: IpcHandlerDeps,
  remote: RemoteDeps,
): IpcHandlers {
  let current: Current | null = null;
  let keyFile: string | undefined;
  const close = async () => {
    const was = current;
    current = null;
    await was?.session.close().catch(() => undefined);
    return was !== null;
  };
  const routed = Object.fromEntries(
    ROUTED.map((channel) => [
      channel,
      (request: unknown) => (current ? current.handlers[channel] : local[channel])(request),
    ]),
  ) as Pick<IpcHandlers, (typeof ROUTED)[number]>;
  return {
    ...local,
    ...routed,
    'app:environment': async (request) => {
      const answer = await (current ? current.handlers : local)['app:environment'](request);
      if (!answer.ok || current === null) return answer;
      return { ok: true, value: { ...answer.value, remote: current.session.remote } };
    },
    'remote:choose-key': handler('remote:choose-key', async () => {
      const chosen = await remote.chooseKey?.();
      if (chosen === undefined) return { chosen: false, name: keyFile ? basename(keyFile) : '' };
      keyFile = chosen;
      return { chosen: true, name: basename(chosen) };
    }),
    'remote:open': handler('remote:open', async (request) => {
      if (request.via === 'ssh' && keyFile === undefined) {
        throw new EngineError('invalid-input', 'Choose the SSH key file that signs in to that computer.');
      }
      await close();
      const session = await remote.open(request, request.via === 'ssh' ? keyFile : undefined);
      if (typeof session === 'string') throw new EngineError('failed', session);
      const { remote: computer, label, close: _close, ...machine } = session;
      current = {
        session,
        handlers: createIpcHandlers({
          ...machine,
          onProgress: localDeps.onProgress,
          ...(localDeps.onScanProgress ? { onScanProgress: localDeps.onScanProgress } : {}),
        }),
      };
      return { ...computer, label };
    }),
    'remote:close': handler('remote:close', async () => ({ closed: await close() })),
  };
}
