import type { IpcChannel, IpcEvent, IpcRequest, IpcResult, RdpRepairApi } from '../../shared/ipc.js';
import { PROGRESS_EVENT, SCAN_PROGRESS_EVENT } from '../../shared/ipc-channel-names.js';

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

type Listener = (payload: unknown) => void;
const listeners: Record<IpcEvent, Set<Listener>> = {
  [PROGRESS_EVENT]: new Set(),
  [SCAN_PROGRESS_EVENT]: new Set(),
};
let events: EventSource | null = null;

/** One EventSource for both kinds; each Server-Sent Event is named after its IPC event. */
function subscribe<T>(event: IpcEvent, listener: (payload: T) => void): () => void {
  if (!events) {
    const source = new EventSource('./events');
    for (const name of Object.keys(listeners) as IpcEvent[]) {
      source.addEventListener(name, (message: MessageEvent<string>) => {
        const payload: unknown = JSON.parse(message.data);
        for (const each of listeners[name]) each(payload);
      });
    }
    events = source;
  }
  const set = listeners[event];
  set.add(listener as Listener);
  return () => {
    set.delete(listener as Listener);
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
  'history:connection-test': channel('history:connection-test'),
  'recovery:pending': channel('recovery:pending'),
  'recovery:rollback': channel('recovery:rollback'),
  'report:get': channel('report:get'),
  'report:handoff': channel('report:handoff'),
  'mstsc:launch': channel('mstsc:launch'),
  'app:open-tool': channel('app:open-tool'),
  'remote:choose-key': channel('remote:choose-key'),
  'remote:open': channel('remote:open'),
  'remote:close': channel('remote:close'),
  onProgress: (listener) => subscribe(PROGRESS_EVENT, listener),
  onScanProgress: (listener) => subscribe(SCAN_PROGRESS_EVENT, listener),
};

window.rdpRepair = Object.freeze(api);

declare global {
  interface Window {
    rdpRepair?: RdpRepairApi;
  }
}
