import type { ApplyProgress, IpcChannel, IpcRequest, IpcResult, RdpRepairApi } from '../../shared/ipc.js';

/*
 * The web demo's stand-in for the Electron preload: the same `window.rdpRepair` shape, carried over
 * `POST /ipc/<channel>` and Server-Sent Events on `/events` to the demo server on 127.0.0.1.
 */

const UNREACHABLE = 'The demo server did not answer. Check that it is still running, then try again.';

async function call<C extends IpcChannel>(channel: C, request: IpcRequest<C>): Promise<IpcResult<C>> {
  try {
    const response = await fetch(`./ipc/${channel}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(request ?? {}),
    });
    return (await response.json()) as IpcResult<C>;
  } catch {
    return { ok: false, error: { code: 'failed', message: UNREACHABLE } };
  }
}

function channel<C extends IpcChannel>(name: C): RdpRepairApi[C] {
  return ((request: IpcRequest<C>) => call(name, request)) as RdpRepairApi[C];
}

const listeners = new Set<(progress: ApplyProgress) => void>();
let events: EventSource | null = null;

function ensureEvents(): void {
  if (events) return;
  events = new EventSource('./events');
  events.onmessage = (message: MessageEvent<string>) => {
    const progress = JSON.parse(message.data) as ApplyProgress;
    for (const listener of listeners) listener(progress);
  };
}

const api: RdpRepairApi = {
  'app:environment': channel('app:environment'),
  'app:catalogue': channel('app:catalogue'),
  'hosts:history': channel('hosts:history'),
  'repair:scan': channel('repair:scan'),
  'repair:apply': channel('repair:apply'),
  'repair:cancel': channel('repair:cancel'),
  'repair:undo': channel('repair:undo'),
  'history:list': channel('history:list'),
  'recovery:pending': channel('recovery:pending'),
  'recovery:rollback': channel('recovery:rollback'),
  'report:get': channel('report:get'),
  'mstsc:launch': channel('mstsc:launch'),
  'app:open-tool': channel('app:open-tool'),
  onProgress(listener) {
    ensureEvents();
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  },
};

window.rdpRepair = Object.freeze(api);

declare global {
  interface Window {
    rdpRepair?: RdpRepairApi;
  }
}
