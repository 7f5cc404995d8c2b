import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { openResultPipe, pipePath, type ResultPipe } from './result-pipe.js';

/*
 * The answer channel with plain Node clients standing in for the processes that dial it: what counts, what
 * is dropped and how fast. The same channel with real pwsh clients: result-pipe.pwsh.test.ts.
 */

let pipes: ResultPipe[] = [];
let sockets: Socket[] = [];
afterEach(() => {
  for (const socket of sockets) socket.destroy();
  for (const pipe of pipes) pipe.close();
  sockets = [];
  pipes = [];
});

async function open(): Promise<ResultPipe> {
  const pipe = await openResultPipe();
  pipes.push(pipe);
  return pipe;
}

/** A client that connects and then does what `act` says; resolves once connected. */
function dial(pipe: ResultPipe): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(pipePath(pipe.name), () => resolve(socket));
    socket.on('error', () => undefined);
    socket.once('error', reject);
    sockets.push(socket);
  });
}

/** Sends `text` and ends; resolves once the server has closed its side too, so it has read all of it. */
function send(pipe: ResultPipe, text: string): Promise<void> {
  return dial(pipe).then(
    (socket) =>
      new Promise<void>((resolve) => {
        socket.once('close', () => resolve());
        socket.end(text);
      }),
  );
}

/** Resolves with how long the server took to close this client's connection. */
function closedWithin(socket: Socket): Promise<number> {
  const started = Date.now();
  return new Promise((resolve) => socket.once('close', () => resolve(Date.now() - started)));
}

const DOCUMENT = '{"protocol":1,"results":[{"ok":true,"value":null}]}';

describe('the result pipe', () => {
  it('takes the answer that follows the nonce', async () => {
    const pipe = await open();
    await send(pipe, `${pipe.nonce}\n${DOCUMENT}`);
    expect(await pipe.answer(2000)).toEqual({ kind: 'answer', text: DOCUMENT });
  });

  it('still takes the real answer after 100 connections without the nonce, some held open', async () => {
    const pipe = await open();
    const held = await Promise.all(Array.from({ length: 80 }, () => dial(pipe)));
    expect(held).toHaveLength(80);
    for (let i = 0; i < 20; i += 1) await send(pipe, `${'0'.repeat(32)}\n{"protocol":1,"results":[]}`);
    await send(pipe, `${pipe.nonce}\n${DOCUMENT}`);
    expect(await pipe.answer(3000)).toEqual({ kind: 'answer', text: DOCUMENT });
  });

  it('drops a connection as soon as its first byte is not the nonce', async () => {
    const pipe = await open();
    const socket = await dial(pipe);
    const closed = closedWithin(socket);
    socket.write(pipe.nonce.startsWith('f') ? 'e' : 'f');
    expect(await closed).toBeLessThan(500);
  });

  it('drops a connection that sends nothing, within the time a real client needs to send the nonce', async () => {
    const pipe = await open();
    const socket = await dial(pipe);
    expect(await closedWithin(socket)).toBeLessThan(5000);
  });

  it('holds at most a bounded number of connections that have not shown the nonce', async () => {
    const pipe = await open();
    const held = await Promise.all(Array.from({ length: 100 }, () => dial(pipe)));
    const open_ = () => held.filter((s) => !s.destroyed && s.readyState === 'open').length;
    // Wait for the state, not for a time: the server closes the surplus as they arrive.
    const deadline = Date.now() + 1500;
    while (open_() > 64 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(open_()).toBeLessThanOrEqual(64);
    expect(open_()).toBeGreaterThan(0);
  });

  it('says so when two clients present the nonce with different answers: neither is believed', async () => {
    const pipe = await open();
    await send(pipe, `${pipe.nonce}\n{"protocol":1,"error":{"code":"failed","message":"x"},"started":false}`);
    await send(pipe, `${pipe.nonce}\n${DOCUMENT}`);
    expect(await pipe.answer(2000)).toEqual({ kind: 'conflict' });
  });

  it('waits for an answer that is still arriving, then takes it', async () => {
    const pipe = await open();
    const socket = await dial(pipe);
    socket.write(`${pipe.nonce}\n${DOCUMENT.slice(0, 10)}`);
    const answer = pipe.answer(5000);
    setTimeout(() => socket.end(DOCUMENT.slice(10)), 2500);
    expect(await answer).toEqual({ kind: 'answer', text: DOCUMENT });
  });

  it('answers none when nobody sent the nonce in time', async () => {
    const pipe = await open();
    await send(pipe, `nope\n${DOCUMENT}`);
    expect(await pipe.answer(300)).toEqual({ kind: 'none' });
  });

  it('refuses an answer larger than any the elevated side writes', async () => {
    const pipe = await open();
    const socket = await dial(pipe);
    const closed = closedWithin(socket);
    socket.write(`${pipe.nonce}\n`);
    const chunk = 'x'.repeat(1024 * 1024);
    for (let i = 0; i < 20 && !socket.destroyed; i += 1) socket.write(chunk);
    await closed;
    expect(await pipe.answer(500)).toEqual({ kind: 'none' });
  });
});
