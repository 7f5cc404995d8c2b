import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { IpcHandlers } from '../engine/ipc-handlers.js';
import { IPC_CHANNELS } from '../shared/ipc.js';
import type { ScanProgress } from '../shared/scan-progress.js';

const electron = vi.hoisted(() => ({
  handlers: new Map<string, (event: unknown, request: unknown) => Promise<unknown>>(),
}));

vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, listener: (event: unknown, request: unknown) => Promise<unknown>) =>
      electron.handlers.set(channel, listener),
  },
}));

const { eventForwarder, registerIpc } = await import('./ipc.js');

interface Frame {
  url: string;
  parent: Frame | null;
  processId: number;
  routingId: number;
}

const appFrame: Frame = { url: 'app://rdp-repair/index.html', parent: null, processId: 5, routingId: 1 };
const send = vi.fn();
const window = { webContents: { id: 7, send }, isDestroyed: () => false };

const navigated: Frame = { url: 'https://evil.example/', parent: null, processId: 5, routingId: 1 };

function eventFrom(frame: Frame | null, senderId = 7, mainFrame: Frame = appFrame) {
  return { senderFrame: frame, sender: { id: senderId, mainFrame } };
}

function fakeHandlers() {
  const calls: [string, unknown][] = [];
  const handlers = Object.fromEntries(
    Object.keys(IPC_CHANNELS).map((channel) => [
      channel,
      async (request: unknown) => {
        calls.push([channel, request]);
        return { ok: true, value: channel };
      },
    ]),
  ) as unknown as IpcHandlers;
  return { handlers, calls };
}

describe('registerIpc', () => {
  let calls: [string, unknown][];

  beforeEach(() => {
    electron.handlers.clear();
    const fake = fakeHandlers();
    calls = fake.calls;
    registerIpc(fake.handlers, () => window as never);
  });

  it('registers one handler per channel of the contract', () => {
    expect([...electron.handlers.keys()].sort()).toEqual(Object.keys(IPC_CHANNELS).sort());
  });

  it.each(Object.keys(IPC_CHANNELS))(
    'routes %s from the app main frame to the engine handler',
    async (channel) => {
      const listener = electron.handlers.get(channel)!;
      await expect(listener(eventFrom(appFrame), { host: 'server01' })).resolves.toEqual({
        ok: true,
        value: channel,
      });
      expect(calls).toEqual([[channel, { host: 'server01' }]]);
    },
  );

  it.each([
    [
      'a sub-frame',
      eventFrom({ url: 'app://rdp-repair/index.html', parent: appFrame, processId: 5, routingId: 2 }),
    ],
    ['a navigated main frame', eventFrom(navigated, 7, navigated)],
    ['another window', eventFrom(appFrame, 8)],
    ['a frame that has gone', eventFrom(null)],
  ])('refuses %s without reaching the engine', async (_, event) => {
    const listener = electron.handlers.get('repair:apply')!;
    const answer = (await listener(event, { host: 'server01' })) as { ok: boolean; error: { code: string } };
    expect(answer.ok).toBe(false);
    expect(answer.error.code).toBe('invalid-input');
    expect(calls).toEqual([]);
  });
});

describe('eventForwarder', () => {
  it('sends apply progress to the app window on the progress channel', () => {
    const progress = { runId: 'run-20261124-abcdef', completed: 0, total: 1, phase: 'journal' } as const;
    eventForwarder('repair:progress', () => window as never)(progress);
    expect(send).toHaveBeenCalledWith('repair:progress', progress);
  });

  it('sends check progress on its own channel', () => {
    send.mockClear();
    const progress: ScanProgress = { host: 'server01', steps: [{ id: 'talk-to-remote', state: 'done' }] };
    eventForwarder('scan:progress', () => window as never)(progress);
    expect(send).toHaveBeenCalledWith('scan:progress', progress);
  });

  it.each([
    ['repair:progress', { runId: '$(calc)', completed: -1 }],
    ['scan:progress', { host: 'server01; calc', steps: [{ id: 'read-this-pc', state: 'done' }] }],
    ['scan:progress', { host: 'server01', steps: [{ id: 'format-disk', state: 'done' }] }],
  ] as const)('drops %s that does not match the contract', (event, payload) => {
    send.mockClear();
    eventForwarder(event, () => window as never)(payload as never);
    expect(send).not.toHaveBeenCalled();
  });

  it('does nothing when the window has gone', () => {
    send.mockClear();
    eventForwarder(
      'repair:progress',
      () => null,
    )({
      runId: 'run-20261124-abcdef',
      completed: 0,
      total: 1,
      phase: 'journal',
    });
    expect(send).not.toHaveBeenCalled();
  });
});
