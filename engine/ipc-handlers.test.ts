import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { powershellPreview } from '../machine/powershell/powershell-preview.js';
import { machinesEqual } from '../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../machine/simulated/simulated-machine.js';
import { type ApplyProgress, IPC_CHANNELS, type IpcChannel } from '../shared/ipc.js';
import { createIpcHandlers } from './ipc-handlers.js';
import { baseMachine, UDP_KEY } from './test-machines.js';

const MRU_KEY = 'HKCU\\Software\\Microsoft\\Terminal Server Client\\Default';

function setup() {
  const machine = new SimulatedMachine(
    baseMachine({
      [UDP_KEY]: { fClientDisableUDP: { type: 'REG_DWORD', data: 0 } },
      [MRU_KEY]: {
        MRU1: { type: 'REG_SZ', data: 'pc2.contoso.com:3390' },
        MRU0: { type: 'REG_SZ', data: 'server01.contoso.com' },
        MRU2: { type: 'REG_SZ', data: 'SERVER01.contoso.com' },
        MRU3: { type: 'REG_SZ', data: 'bad name; rm' },
      },
      'HKCU\\Software\\Microsoft\\Terminal Server Client\\Servers\\server01.contoso.com': {
        UsernameHint: { type: 'REG_SZ', data: 'alice' },
      },
      'HKCU\\Software\\Microsoft\\Terminal Server Client\\Servers\\10.1.2.3': {
        UsernameHint: { type: 'REG_SZ', data: 'alice' },
      },
    }),
  );
  const progress: ApplyProgress[] = [];
  const dataDir = mkdtempSync(join(tmpdir(), 'rdp-repair-ipc-'));
  const handlers = createIpcHandlers({
    machine,
    dataDir,
    preview: powershellPreview,
    onProgress: (p) => progress.push(p),
  });
  return { machine, handlers, progress, original: machine.snapshot() };
}

describe('createIpcHandlers', () => {
  it('has a handler for every channel', () => {
    const { handlers } = setup();
    expect(Object.keys(handlers).sort()).toEqual(Object.keys(IPC_CHANNELS).sort());
  });

  it('answers bad input with invalid-input and never throws', async () => {
    const { handlers, machine, original } = setup();
    const hostile = [
      undefined,
      null,
      42,
      'x',
      [],
      { host: 'a\nb' },
      { host: 'x'.repeat(5000) },
      { host: '$(calc)' },
    ];
    for (const channel of Object.keys(handlers) as IpcChannel[]) {
      for (const request of hostile) {
        const result = await handlers[channel](request);
        if (!result.ok) {
          expect(result.error.message).toMatch(/[.!?]$/);
          expect(result.error.message).not.toMatch(/\n/);
        }
      }
    }
    const scan = await handlers['repair:scan']({ host: 'server01; shutdown' });
    expect(scan).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(machinesEqual(machine.snapshot(), original)).toBe(true);
  });

  it('scan, apply with progress, history, undo', async () => {
    const { handlers, progress, machine, original } = setup();
    const scan = await handlers['repair:scan']({ host: 'server01.contoso.com' });
    if (!scan.ok) throw new Error(scan.error.message);
    expect(scan.value.findings[0]?.status).toBe('problem');
    expect(scan.value.changes[0]?.powershellPreview).toMatch(/Set-ItemProperty/);
    const apply = await handlers['repair:apply']({ host: 'server01.contoso.com' });
    if (!apply.ok) throw new Error(apply.error.message);
    expect(apply.value.outcome).toBe('done');
    expect(progress.every((p) => p.runId === apply.value.runId)).toBe(true);
    expect(progress.at(-1)?.phase).toBe('finished');
    const history = await handlers['history:list']({});
    expect(history.ok && history.value[0]?.undoable).toBe(true);
    const undo = await handlers['repair:undo']({});
    expect(undo.ok && undo.value.outcome).toBe('undone');
    expect(machinesEqual(machine.snapshot(), original)).toBe(true);
    expect(await handlers['recovery:pending']({})).toEqual({ ok: true, value: [] });
  });

  it('hosts:history lists MRU0..9 in order, then Servers names, without duplicates or invalid names', async () => {
    const { handlers } = setup();
    expect(await handlers['hosts:history']({})).toEqual({
      ok: true,
      value: ['server01.contoso.com', 'pc2.contoso.com:3390', '10.1.2.3'],
    });
  });

  it('report:get returns Markdown; mstsc:launch starts mstsc for the host', async () => {
    const { handlers, machine } = setup();
    const report = await handlers['report:get']({ host: 'server01.contoso.com', redact: true });
    expect(report.ok && report.value.markdown).toMatch(/^# /);
    expect(await handlers['mstsc:launch']({ host: 'server01.contoso.com:3390' })).toEqual({
      ok: true,
      value: { launched: true },
    });
    expect(machine.launches).toEqual(['server01.contoso.com:3390']);
  });

  it('app:open-tool says the tools open only in the Windows app when main gives no opener', async () => {
    const { handlers } = setup();
    const result = await handlers['app:open-tool']({ tool: 'event-viewer' });
    expect(result).toEqual({
      ok: true,
      value: { opened: false, message: expect.stringMatching(/Windows app\.$/) },
    });
  });

  it('app:open-tool passes only a known tool name to the opener', async () => {
    const machine = new SimulatedMachine(baseMachine({}));
    const asked: string[] = [];
    const handlers = createIpcHandlers({
      machine,
      dataDir: mkdtempSync(join(tmpdir(), 'rdp-repair-ipc-')),
      onProgress: () => {},
      openTool: async (tool) => {
        asked.push(tool);
        return { opened: true, message: 'Opened.' };
      },
    });
    expect(await handlers['app:open-tool']({ tool: 'log-folder' })).toEqual({
      ok: true,
      value: { opened: true, message: 'Opened.' },
    });
    for (const tool of ['cmd.exe', 'C:\\Windows\\System32\\calc.exe', '']) {
      expect(await handlers['app:open-tool']({ tool })).toMatchObject({
        ok: false,
        error: { code: 'invalid-input' },
      });
    }
    expect(asked).toEqual(['log-folder']);
  });

  it('cancel of an unknown run says nothing was cancelled; undo of an unknown run is not-found', async () => {
    const { handlers } = setup();
    expect(await handlers['repair:cancel']({ runId: 'run-20260101-000000-abcdef' })).toEqual({
      ok: true,
      value: { cancelled: false },
    });
    const undo = await handlers['repair:undo']({ runId: 'run-20260101-000000-abcdef' });
    expect(undo).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });
});
