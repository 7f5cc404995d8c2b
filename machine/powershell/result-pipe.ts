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
 * The answer must start with a nonce that travels inside the elevated launch text; a connection that does not
 * (another process of the user dialling the pipe first) is dropped and the pipe keeps waiting, at most
 * MAX_CONNECTIONS times. Someone who read the nonce from the launching process's command line could still send
 * a false answer: that can only misreport what was done, never make anything run elevated.
 *
 * On Windows the pipe is \\.\pipe\<name>; elsewhere .NET maps NamedPipeClientStream(<name>) to a Unix socket at
 * <temp>/CoreFxPipe_<name>, which is what the tests with the real pwsh use.
 */

const MAX_ANSWER_BYTES = 16 * 1024 * 1024;
const MAX_CONNECTIONS = 8;

export interface ResultPipe {
  name: string;
  nonce: string;
  /** The answer after the nonce, once a client with the nonce has sent it all; undefined if none did in time. */
  answer(timeoutMs: number): Promise<string | undefined>;
  close(): void;
}

export function pipePath(name: string): string {
  return process.platform === 'win32' ? `\\\\.\\pipe\\${name}` : join(tmpdir(), `CoreFxPipe_${name}`);
}

export async function openResultPipe(): Promise<ResultPipe> {
  const name = `rdp-repair-${randomBytes(12).toString('hex')}`;
  const nonce = randomBytes(16).toString('hex');
  const path = pipePath(name);
  let connections = 0;
  let settled: string | undefined;
  const waiters: ((text: string) => void)[] = [];

  const onConnection = (socket: Socket): void => {
    connections += 1;
    if (settled !== undefined || connections > MAX_CONNECTIONS) {
      socket.destroy();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    socket.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_ANSWER_BYTES) socket.destroy();
      else chunks.push(chunk);
    });
    socket.on('error', () => socket.destroy());
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      if (settled !== undefined || !text.startsWith(`${nonce}\n`)) return;
      settled = text.slice(nonce.length + 1);
      for (const waiter of waiters.splice(0)) waiter(settled);
    });
  };

  const server: Server = createServer(onConnection);
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
    answer(timeoutMs) {
      if (settled !== undefined) return Promise.resolve(settled);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(undefined), timeoutMs);
        waiters.push((text) => {
          clearTimeout(timer);
          resolve(text);
        });
      });
    },
    close() {
      server.close();
      if (process.platform !== 'win32') rmSync(path, { force: true });
    },
  };
}
