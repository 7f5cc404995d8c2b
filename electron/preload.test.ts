import { beforeAll, describe, expect, it, vi } from 'vitest';
import { type ApplyProgress, IPC_CHANNELS } from '../shared/ipc.js';
import type { ScanProgress } from '../shared/scan-progress.js';

const electron = vi.hoisted(() => ({
  exposed: new Map<string, unknown>(),
  invoke: vi.fn(async (channel: string, request: unknown) => ({ ok: true, value: { channel, request } })),
  on: vi.fn(),
  removeListener: vi.fn(),
}));

vi.mock('electron', () => ({
  contextBridge: {
    exposeInMainWorld: (key: string, api: unknown) => electron.exposed.set(key, api),
  },
  ipcRenderer: { invoke: electron.invoke, on: electron.on, removeListener: electron.removeListener },
}));

type Api = Record<string, unknown>;
let api: Api;

beforeAll(async () => {
  await import('./preload.js');
  api = electron.exposed.get('rdpRepair') as Api;
});

describe('preload', () => {
  it('exposes only window.rdpRepair', () => {
    expect([...electron.exposed.keys()]).toEqual(['rdpRepair']);
  });

  it('exposes exactly one function per IPC channel plus the two progress subscriptions, and no generic invoke', () => {
    expect(Object.keys(api).sort()).toEqual(
      [...Object.keys(IPC_CHANNELS), 'onProgress', 'onScanProgress'].sort(),
    );
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it.each(Object.keys(IPC_CHANNELS))(
    '%s invokes its own channel with the request as given',
    async (channel) => {
      const call = api[channel] as (request: unknown) => Promise<unknown>;
      const request = { host: 'server01' };
      await expect(call(request)).resolves.toEqual({ ok: true, value: { channel, request } });
      expect(electron.invoke).toHaveBeenLastCalledWith(channel, request);
    },
  );

  it('passes progress events on without the Electron event, and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = (api.onProgress as (l: (p: ApplyProgress) => void) => () => void)(listener);
    const [channel, forward] = electron.on.mock.lastCall as [
      string,
      (event: unknown, payload: unknown) => void,
    ];
    expect(channel).toBe('repair:progress');
    const progress: ApplyProgress = {
      runId: 'run-20261124-abcdef',
      completed: 1,
      total: 3,
      phase: 'user-changes',
    };
    forward({ sender: 'ipc event with ipcRenderer' }, progress);
    expect(listener).toHaveBeenCalledTimes(1);
    expect(listener).toHaveBeenCalledWith(progress);
    unsubscribe();
    expect(electron.removeListener).toHaveBeenCalledWith('repair:progress', forward);
  });

  it('passes check progress on its own channel, without the Electron event, and unsubscribes', () => {
    const listener = vi.fn();
    const unsubscribe = (api.onScanProgress as (l: (p: ScanProgress) => void) => () => void)(listener);
    const [channel, forward] = electron.on.mock.lastCall as [
      string,
      (event: unknown, payload: unknown) => void,
    ];
    expect(channel).toBe('scan:progress');
    const progress: ScanProgress = { host: 'server01', steps: [{ id: 'read-this-pc', state: 'running' }] };
    forward({ sender: 'ipc event with ipcRenderer' }, progress);
    expect(listener).toHaveBeenCalledWith(progress);
    expect(listener.mock.calls[0]).toHaveLength(1);
    unsubscribe();
    expect(electron.removeListener).toHaveBeenCalledWith('scan:progress', forward);
  });
});
