import { lookup } from 'node:dns/promises';
import { isIP, Socket } from 'node:net';

/*
 * Name resolution and bounded TCP connects on Node's dns and net, shared by the handshake probe and the
 * real-network answers to the machine port's net.resolve and net.probeTcp.
 */

/** The least time worth giving one TCP attempt when several addresses share what is left. */
export const MIN_ATTEMPT_MS = 250;

export class Deadline {
  private readonly end: number;
  constructor(ms: number) {
    this.end = performance.now() + ms;
  }
  left(): number {
    return Math.max(0, this.end - performance.now());
  }
}

/** Resolves after `ms`, or at once when the signal aborts; `undefined` either way. */
function after(ms: number, signal?: AbortSignal): Promise<undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve(undefined);
    });
  });
}

export async function resolveAddresses(
  host: string,
  deadline: Deadline,
  signal?: AbortSignal,
): Promise<string[]> {
  const literal = host.replace(/^\[(.*)\]$/, '$1');
  if (isIP(literal)) return [literal];
  const answer = await Promise.race([
    lookup(host, { all: true, verbatim: true }).catch(() => []),
    after(deadline.left(), signal),
  ]);
  return [...new Set((answer ?? []).map((a) => a.address))].slice(0, 32);
}

export type TcpResult =
  | { kind: 'connected'; socket: Socket }
  | { kind: 'refused' | 'timeout' | 'unreachable' };

export function connectTcp(
  address: string,
  port: number,
  timeoutMs: number,
  signal?: AbortSignal,
): Promise<TcpResult> {
  return new Promise((resolve) => {
    const socket = new Socket();
    const done = (result: TcpResult) => {
      clearTimeout(timer);
      socket.removeAllListeners('connect');
      socket.removeAllListeners('error');
      if (result.kind !== 'connected') socket.destroy();
      resolve(result);
    };
    const timer = setTimeout(() => done({ kind: 'timeout' }), timeoutMs);
    signal?.addEventListener('abort', () => done({ kind: 'timeout' }), { once: true });
    socket.once('connect', () => done({ kind: 'connected', socket }));
    socket.once('error', (error: NodeJS.ErrnoException) =>
      done({
        kind:
          error.code === 'ECONNREFUSED' ? 'refused' : error.code === 'ETIMEDOUT' ? 'timeout' : 'unreachable',
      }),
    );
    socket.connect({ host: address, port });
  });
}
