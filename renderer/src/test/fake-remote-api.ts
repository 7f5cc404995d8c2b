import type { IpcChannel, IpcRequest, IpcResult, RdpRepairApi } from '../../../shared/ipc.js';

/*
 * The fake main's "Check and fix it from here" (issue 26): a key chosen in main's dialog, a remote computer that
 * opens (or refuses with the port's one sentence), and closes again.
 */

export interface FakeRemoteOptions {
  /** remote:open answers this sentence instead of opening. */
  remoteRefusal?: string;
  /** remote:choose-key: the user cancelled main's file dialog. */
  keyDialogCancelled?: boolean;
}

type Record = <C extends IpcChannel>(channel: C, request: IpcRequest<C>) => void;

export function remoteChannels(
  options: FakeRemoteOptions,
  record: Record,
): Pick<RdpRepairApi, 'remote:choose-key' | 'remote:open' | 'remote:close'> {
  return {
    async 'remote:choose-key'(request) {
      record('remote:choose-key', request);
      const chosen = options.keyDialogCancelled !== true;
      return { ok: true, value: { chosen, name: chosen ? 'id_ed25519' : '' } };
    },
    async 'remote:open'(request): Promise<IpcResult<'remote:open'>> {
      record('remote:open', request);
      if (options.remoteRefusal) {
        return { ok: false, error: { code: 'failed', message: options.remoteRefusal } };
      }
      const computer = request.computer;
      const via = request.via;
      const label = `${computer} over PowerShell remoting (${via === 'ssh' ? 'SSH' : 'WinRM'})`;
      return { ok: true, value: { via, computer, label } };
    },
    async 'remote:close'(request) {
      record('remote:close', request);
      return { ok: true, value: { closed: true } };
    },
  };
}
