import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * How the elevated PowerShell answers: over a named pipe this (unelevated) process creates, never through a
 * file. A folder the user can write (%TEMP%) is one a same-user process can swap for a junction while the UAC
 * prompt is open, turning the elevated runner's write into an arbitrary file write as administrator; a pipe
 * gives the elevated side nothing to write on disk.
 *
 * Anyone of the same user can dial the pipe, so only a connection whose first bytes are the nonce (which
 * travels inside the elevated launch text) counts. A connection is dropped at its first byte that differs from
 * the nonce, or when it has not shown the whole nonce within AUTH_TIMEOUT_MS; at most MAX_PENDING of them wait
 * at once, the oldest making room for a newcomer. The real launcher writes the nonce in the same breath as it
 * connects, so it is gone from the waiting list long before MAX_PENDING newer connections push it out: dialling
 * the pipe, however often, costs the real client neither its place nor its time. (Turning newcomers away
 * instead would let a squatter that keeps MAX_PENDING connections fresh shut the real client out.)
 *
 * The nonce can still be read from the launching process's command line. The real launcher connects once; if
 * two connections present the nonce, the channel cannot say which is the elevated side, and the answer is
 * `conflict`: the engine then reads the machine back instead of believing either
 * (engine/elevation/change-readback.ts).
 * Which process is at the other end is not asked: Windows would say (GetNamedPipeClientProcessId), but only
 * to the holder of the server handle, and Node has no call for it (docs/windows-truth.md).
 *
 * On Windows the pipe is \\.\pipe\<name>; elsewhere .NET maps NamedPipeClientStream(<name>) to a Unix socket at
 * <temp>/CoreFxPipe_<name>, which is what the tests with the real pwsh use.
 */

/** The elevated answer is a few kilobytes (a handful of closed templates); this leaves room and bounds memory. */
const MAX_ANSWER_BYTES = 4 * 1024 * 1024;
/** A second connection with the nonce already makes the answer a conflict; more are not read at all. */
const MAX_AUTHENTICATED = 2;
const MAX_PENDING = 64;
/** The launcher writes the nonce as soon as it is connected: milliseconds, not seconds. */
const AUTH_TIMEOUT_MS = 2_000;

export type PipeAnswer = { kind: 'answer'; text: string } | { kind: 'none' } | { kind: 'conflict' };

export interface ResultPipe {
  name: string;
  nonce: string;
  /**
   * Waits until the connections that presented the nonce have all finished (or `timeoutMs` passed): one
   * answer, none, or more than one (`conflict`).
   */
  answer(timeoutMs: number): Promise<PipeAnswer>;
  close(): void;
}

export function pipePath(name: string): string {
  return process.platform === 'win32' ? `\\\\.\\pipe\\${name}` : join(tmpdir(), `CoreFxPipe_${name}`);
}

/** One connection that presented the nonce: its answer so far, and whether it ended whole. */
interface Authenticated {
  chunks: Buffer[];
  size: number;
  state: 'open' | 'complete' | 'broken';
}

class AnswerChannel {
  private readonly expected: Buffer;
  private readonly pending = new Set<Socket>();
  private readonly authenticated: Authenticated[] = [];
  private readonly sockets = new Set<Socket>();
  private readonly listeners = new Set<() => void>();
  private closed = false;

  constructor(nonce: string) {
    this.expected = Buffer.from(`${nonce}\n`, 'utf8');
  }

  accept(socket: Socket): void {
    if (this.closed) {
      socket.destroy();
      return;
    }
    this.makeRoom();
    this.sockets.add(socket);
    this.pending.add(socket);
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      this.sockets.delete(socket);
      this.pending.delete(socket);
    });
    const timer = setTimeout(() => {
      if (this.pending.has(socket)) socket.destroy();
    }, AUTH_TIMEOUT_MS);
    socket.once('close', () => clearTimeout(timer));
    this.readNonce(socket);
  }

  /** Room for one more waiting connection: the oldest (a Map keeps arrival order) has had its chance. */
  private makeRoom(): void {
    if (this.pending.size < MAX_PENDING) return;
    const oldest = this.pending.keys().next().value as Socket;
    this.pending.delete(oldest);
    oldest.destroy();
  }

  /** Compares each byte as it arrives: the first one that differs ends the connection. */
  private readNonce(socket: Socket): void {
    let matched = 0;
    const onData = (chunk: Buffer): void => {
      const take = Math.min(chunk.length, this.expected.length - matched);
      if (!chunk.subarray(0, take).equals(this.expected.subarray(matched, matched + take))) {
        socket.destroy();
        return;
      }
      matched += take;
      if (matched < this.expected.length) return;
      socket.off('data', onData);
      this.pending.delete(socket);
      this.readAnswer(socket, chunk.subarray(take));
    };
    socket.on('data', onData);
  }

  private readAnswer(socket: Socket, first: Buffer): void {
    if (this.authenticated.length >= MAX_AUTHENTICATED) {
      socket.destroy();
      return;
    }
    const entry: Authenticated = { chunks: [], size: 0, state: 'open' };
    this.authenticated.push(entry);
    const onData = (chunk: Buffer): void => {
      entry.size += chunk.length;
      if (entry.size > MAX_ANSWER_BYTES) socket.destroy();
      else entry.chunks.push(chunk);
    };
    onData(first);
    socket.on('data', onData);
    socket.on('end', () => this.finish(entry, 'complete'));
    socket.on('close', () => this.finish(entry, 'broken'));
  }

  private finish(entry: Authenticated, state: 'complete' | 'broken'): void {
    if (entry.state !== 'open') return;
    entry.state = state;
    for (const listener of this.listeners) listener();
  }

  /** Settled once something presented the nonce and nothing that did is still sending. */
  private settled(): boolean {
    return this.authenticated.length > 0 && this.authenticated.every((a) => a.state !== 'open');
  }

  outcome(): PipeAnswer {
    if (this.authenticated.length > 1) return { kind: 'conflict' };
    const [only] = this.authenticated;
    if (only?.state !== 'complete') return { kind: 'none' };
    return { kind: 'answer', text: Buffer.concat(only.chunks).toString('utf8') };
  }

  wait(timeoutMs: number): Promise<PipeAnswer> {
    if (this.settled()) return Promise.resolve(this.outcome());
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve(this.outcome());
      };
      const check = (): void => {
        if (this.settled()) done();
      };
      const timer = setTimeout(done, timeoutMs);
      this.listeners.add(check);
    });
  }

  close(): void {
    this.closed = true;
    for (const socket of this.sockets) socket.destroy();
  }
}

export async function openResultPipe(): Promise<ResultPipe> {
  const name = `rdp-repair-${randomBytes(12).toString('hex')}`;
  const nonce = randomBytes(16).toString('hex');
  const path = pipePath(name);
  const channel = new AnswerChannel(nonce);
  const server: Server = createServer((socket) => channel.accept(socket));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(path, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return {
    name,
    nonce,
    answer: (timeoutMs) => channel.wait(timeoutMs),
    close() {
      channel.close();
      server.close();
      if (process.platform !== 'win32') rmSync(path, { force: true });
    },
  };
}
