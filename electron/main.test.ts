import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  ELEVATED_LAUNCHER_FILE,
  ELEVATED_LAUNCHER_SHA256,
  INTERPRETER_MODULE_FILE,
  INTERPRETER_MODULE_SHA256,
} from '../machine/powershell/module-hashes.js';
import { IPC_CHANNELS } from '../shared/ipc.js';

type Listener = (...args: unknown[]) => unknown;

const fake = vi.hoisted(() => {
  const state = {
    lock: true,
    appRoot: '',
    userData: '',
    appListeners: new Map<string, Listener>(),
    windows: [] as { options: Record<string, unknown>; url: string }[],
    /** The last window's one-time listeners ('ready-to-show': the renderer has painted). */
    windowOnce: new Map<string, Listener>(),
    shown: 0,
    ipc: new Map<string, Listener>(),
    protocolHandler: undefined as undefined | ((request: Request) => Promise<Response>),
    privileged: [] as unknown[],
    permissionRequest: undefined as undefined | Listener,
    permissionCheck: undefined as undefined | Listener,
    beforeRequest: undefined as undefined | Listener,
    sandboxEnabled: false,
    quit: vi.fn(),
    openExternal: vi.fn(async () => {}),
    openPath: vi.fn(async (_path: string) => ''),
    logFolder: '',
    createPowerShellMachine: vi.fn(),
    showErrorBox: vi.fn(),
    logBatch: vi.fn(),
  };
  return state;
});

vi.mock('electron', () => {
  class BrowserWindow {
    readonly webContents = { id: 1, send: vi.fn() };
    constructor(readonly options: Record<string, unknown>) {
      fake.windows.push({ options, url: '' });
    }
    once(name: string, listener: Listener) {
      fake.windowOnce.set(name, listener);
    }
    on() {}
    show() {
      fake.shown += 1;
    }
    isDestroyed() {
      return false;
    }
    async loadURL(url: string) {
      const window = fake.windows[fake.windows.length - 1];
      if (window) window.url = url;
    }
  }
  return {
    app: {
      requestSingleInstanceLock: () => fake.lock,
      enableSandbox: () => {
        fake.sandboxEnabled = true;
      },
      on: (name: string, listener: Listener) => fake.appListeners.set(name, listener),
      whenReady: () => Promise.resolve(),
      getAppPath: () => fake.appRoot,
      getPath: () => fake.userData,
      quit: fake.quit,
      isPackaged: false,
    },
    BrowserWindow,
    ipcMain: { handle: (channel: string, listener: Listener) => fake.ipc.set(channel, listener) },
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => fake.privileged.push(...schemes),
      handle: (_scheme: string, handler: (request: Request) => Promise<Response>) => {
        fake.protocolHandler = handler;
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (handler: Listener) => {
          fake.permissionRequest = handler;
        },
        setPermissionCheckHandler: (handler: Listener) => {
          fake.permissionCheck = handler;
        },
        setDevicePermissionHandler: () => {},
        webRequest: {
          onBeforeRequest: (handler: Listener) => {
            fake.beforeRequest = handler;
          },
        },
      },
    },
    shell: { openExternal: fake.openExternal, openPath: fake.openPath },
    dialog: { showErrorBox: fake.showErrorBox },
  };
});

// electron-log loads the real Electron package, which is not installed here.
vi.mock('./log.js', () => ({
  setUpLog: vi.fn(),
  logBatch: fake.logBatch,
  logError: vi.fn(),
  logFolder: () => fake.logFolder,
}));

// The app's data folder is the CLI's (engine/data-dir.ts); here a scratch folder stands in for it.
vi.mock('../engine/data-dir.js', () => ({
  defaultDataDir: () => fake.userData,
  machineLockFile: () => join(fake.userData, 'machine', 'apply.lock'),
}));

vi.mock('../machine/powershell/powershell-machine.js', () => ({
  createPowerShellMachine: fake.createPowerShellMachine,
}));

const scratch = mkdtempSync(join(tmpdir(), 'rdp-repair-main-'));
const SAMPLE = join(import.meta.dirname, '../sample-machines/udp-enabled.json');

async function startMain(): Promise<void> {
  vi.resetModules();
  fake.windows.length = 0;
  fake.windowOnce.clear();
  fake.shown = 0;
  fake.ipc.clear();
  fake.appListeners.clear();
  fake.protocolHandler = undefined;
  await import('./main.js');
  await new Promise((resolve) => setTimeout(resolve, 0));
}

beforeEach(() => {
  fake.lock = true;
  fake.quit.mockClear();
  fake.openExternal.mockClear();
  fake.openPath.mockClear();
  fake.createPowerShellMachine.mockClear();
  fake.appRoot = mkdtempSync(join(scratch, 'app-'));
  fake.userData = join(fake.appRoot, 'user-data');
  fake.logFolder = join(fake.userData, 'logs');
  mkdirSync(join(fake.appRoot, 'sample-machines'), { recursive: true });
  copyFileSync(SAMPLE, join(fake.appRoot, 'sample-machines', 'udp-enabled.json'));
  mkdirSync(join(fake.appRoot, 'dist', 'renderer'), { recursive: true });
  writeFileSync(join(fake.appRoot, 'dist', 'renderer', 'index.html'), '<!doctype html><div id="root"></div>');
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('electron main', () => {
  it('quits at once when another instance holds the lock', async () => {
    fake.lock = false;
    await startMain();
    expect(fake.quit).toHaveBeenCalled();
    expect(fake.windows).toEqual([]);
  });

  it('opens one isolated, sandboxed window on the app:// page', async () => {
    await startMain();
    expect(fake.sandboxEnabled).toBe(true);
    expect(fake.windows).toHaveLength(1);
    const [window] = fake.windows;
    expect(window?.url).toBe('app://rdp-repair/index.html');
    expect(window?.options).toMatchObject({
      minWidth: 800,
      minHeight: 600,
      webPreferences: { contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true },
    });
    expect(fake.privileged).toContainEqual({
      scheme: 'app',
      privileges: { standard: true, secure: true, supportFetchAPI: true },
    });
  });

  it('denies every permission and every request that is not the app itself', async () => {
    await startMain();
    const callback = vi.fn();
    fake.permissionRequest?.({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect(fake.permissionCheck?.({}, 'notifications')).toBe(false);
    const decide = (url: string) => {
      const answer = vi.fn();
      fake.beforeRequest?.({ url }, answer);
      return answer.mock.lastCall?.[0];
    };
    expect(decide('app://rdp-repair/assets/index.js')).toEqual({ cancel: false });
    expect(decide('https://cdn.example.com/evil.js')).toEqual({ cancel: true });
    expect(decide('file:///C:/Windows/win.ini')).toEqual({ cancel: true });
  });

  it('blocks navigation and new windows; opens only allow-listed https pages outside', async () => {
    await startMain();
    const events = new Map<string, Listener>();
    let openHandler: Listener = () => undefined;
    const contents = {
      on: (name: string, listener: Listener) => events.set(name, listener),
      setWindowOpenHandler: (handler: Listener) => {
        openHandler = handler;
      },
    };
    fake.appListeners.get('web-contents-created')?.({}, contents);
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      events.get(name)?.(event, 'https://evil.example/');
      expect(event.preventDefault).toHaveBeenCalled();
    }
    expect(openHandler({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(openHandler({ url: 'file:///C:/Windows/System32/calc.exe' })).toEqual({ action: 'deny' });
    expect(fake.openExternal).not.toHaveBeenCalled();
    expect(openHandler({ url: 'https://learn.microsoft.com/answers/' })).toEqual({ action: 'deny' });
    expect(fake.openExternal).toHaveBeenCalledWith('https://learn.microsoft.com/answers/');
    // The hand-off's mail: no recipient, a subject and a body; a recipient or another field is refused.
    fake.openExternal.mockClear();
    expect(openHandler({ url: 'mailto:attacker@evil.example?subject=a&body=b' })).toEqual({ action: 'deny' });
    expect(fake.openExternal).not.toHaveBeenCalled();
    expect(openHandler({ url: 'mailto:?subject=a&body=b' })).toEqual({ action: 'deny' });
    expect(fake.openExternal).toHaveBeenCalledWith('mailto:?subject=a&body=b');
  });

  it('serves the renderer with the CSP and refuses anything outside it', async () => {
    await startMain();
    const page = await fake.protocolHandler?.(new Request('app://rdp-repair/index.html'));
    expect(page?.status).toBe(200);
    expect(page?.headers.get('content-security-policy')).toContain("script-src 'self'");
    const outside = await fake.protocolHandler?.(
      new Request('app://rdp-repair/../../sample-machines/udp-enabled.json'),
    );
    expect(outside?.status).toBe(404);
  });

  it('registers every IPC channel and, off Windows, runs the demo on a copy of the sample machine', async () => {
    await startMain();
    expect([...fake.ipc.keys()].sort()).toEqual(Object.keys(IPC_CHANNELS).sort());
    const appFrame = { url: 'app://rdp-repair/index.html', parent: null, processId: 5, routingId: 1 };
    const environment = (await fake.ipc.get('app:environment')?.(
      { senderFrame: appFrame, sender: { id: 1, mainFrame: appFrame } },
      {},
    )) as { ok: boolean; value: { machineKind: string; machineLabel: string } };
    expect(environment.ok).toBe(true);
    expect(environment.value.machineKind).toBe('simulated');
    expect(environment.value.machineLabel).toMatch(/demo/i);
    const scan = (await fake.ipc.get('repair:scan')?.(
      { senderFrame: appFrame, sender: { id: 1, mainFrame: appFrame } },
      { host: 'server01' },
    )) as { ok: boolean; value: { changes: { powershellPreview: string }[] } };
    // The app hands its world's PowerShell preview to the engine.
    expect(scan.value.changes[0]?.powershellPreview).toMatch(/Set-ItemProperty /);
    expect(existsSync(join(fake.userData, 'demo', 'demo-machine.json'))).toBe(true);

    const sampleBefore = readFileSync(join(fake.appRoot, 'sample-machines', 'udp-enabled.json'));
    const applied = (await fake.ipc.get('repair:apply')?.(
      { senderFrame: appFrame, sender: { id: 1, mainFrame: appFrame } },
      { host: 'server01' },
    )) as { ok: boolean };
    expect(applied.ok).toBe(true);
    expect(readFileSync(join(fake.appRoot, 'sample-machines', 'udp-enabled.json')).equals(sampleBefore)).toBe(
      true,
    );
    expect(readFileSync(join(fake.userData, 'demo', 'demo-machine.json')).equals(sampleBefore)).toBe(false);
    expect(fake.createPowerShellMachine).not.toHaveBeenCalled();
    // Every batch reaches the log, and the demo's journal stays apart from the real machine's.
    expect(fake.logBatch).toHaveBeenCalled();
    expect(existsSync(join(fake.userData, 'demo', 'journal'))).toBe(true);
    expect(existsSync(join(fake.userData, 'journal'))).toBe(false);
  });

  it('opens the log folder; off Windows, Event Viewer and Credential Manager say they need the Windows app', async () => {
    await startMain();
    const appFrame = { url: 'app://rdp-repair/index.html', parent: null, processId: 5, routingId: 1 };
    const openTool = (tool: string) =>
      fake.ipc.get('app:open-tool')?.(
        { senderFrame: appFrame, sender: { id: 1, mainFrame: appFrame } },
        { tool },
      );
    expect(await openTool('log-folder')).toEqual({
      ok: true,
      value: { opened: true, message: 'The log folder is opening.' },
    });
    expect(fake.openPath).toHaveBeenCalledWith(fake.logFolder);
    expect(existsSync(fake.logFolder)).toBe(true);
    for (const tool of ['event-viewer', 'credential-manager']) {
      expect(await openTool(tool)).toMatchObject({
        ok: true,
        value: { opened: false, message: expect.stringMatching(/only in the Windows app\.$/) },
      });
    }
    expect(fake.openPath).toHaveBeenCalledTimes(1);
  });

  it('on Windows, opens Event Viewer through the shell by its absolute path', async () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform');
    Object.defineProperty(process, 'platform', { value: 'win32' });
    fake.createPowerShellMachine.mockReturnValue({
      kind: 'powershell',
      label: 'This computer',
      run: vi.fn(),
    });
    const appFrame = { url: 'app://rdp-repair/index.html', parent: null, processId: 5, routingId: 1 };
    try {
      await startMain();
      const result = await fake.ipc.get('app:open-tool')?.(
        { senderFrame: appFrame, sender: { id: 1, mainFrame: appFrame } },
        { tool: 'event-viewer' },
      );
      expect(result).toEqual({ ok: true, value: { opened: true, message: 'Event Viewer is opening.' } });
    } finally {
      if (platform) Object.defineProperty(process, 'platform', platform);
    }
    expect(fake.openPath).toHaveBeenCalledWith('C:\\Windows\\System32\\eventvwr.msc');
  });

  it('says why and quits when the demo machine cannot be loaded', async () => {
    writeFileSync(
      join(fake.appRoot, 'sample-machines', 'udp-enabled.json'),
      '{ "schemaVersion": 1, "os": 7 }',
    );
    await startMain();
    expect(fake.showErrorBox).toHaveBeenCalledWith('RDP Repair cannot start', expect.stringMatching(/os/));
    expect(fake.quit).toHaveBeenCalled();
    expect(fake.windows).toEqual([]);
  });

  it('starts the PowerShell session for the first check only after the window has painted, in the background', async () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform');
    Object.defineProperty(process, 'platform', { value: 'win32' });
    let warmed: () => void = () => undefined;
    const warmUp = vi.fn(
      () =>
        new Promise<void>((resolve) => {
          warmed = resolve;
        }),
    );
    fake.createPowerShellMachine.mockReturnValue({
      kind: 'powershell',
      label: 'This computer',
      run: vi.fn(),
      warmUp,
    });
    try {
      await startMain();
      // The window exists and loads the page; until it has painted, nothing competes with it for the CPU.
      expect(fake.windows).toHaveLength(1);
      expect(warmUp).not.toHaveBeenCalled();
      fake.windowOnce.get('ready-to-show')?.();
      expect(fake.shown).toBe(1);
      for (let i = 0; i < 50 && warmUp.mock.calls.length === 0; i++)
        await new Promise((r) => setTimeout(r, 0));
      expect(warmUp).toHaveBeenCalledTimes(1);
      warmed();
    } finally {
      if (platform) Object.defineProperty(process, 'platform', platform);
    }
  });

  it('uses the PowerShell machine on Windows', async () => {
    const platform = Object.getOwnPropertyDescriptor(process, 'platform');
    Object.defineProperty(process, 'platform', { value: 'win32' });
    fake.createPowerShellMachine.mockReturnValue({
      kind: 'powershell',
      label: 'This computer',
      run: vi.fn(),
    });
    try {
      await startMain();
    } finally {
      if (platform) Object.defineProperty(process, 'platform', platform);
    }
    expect(fake.createPowerShellMachine).toHaveBeenCalledTimes(1);
    const options = fake.createPowerShellMachine.mock.lastCall?.[0] as Record<string, unknown>;
    expect(options).toMatchObject({
      modulePath: join(fake.appRoot, 'machine', 'powershell', INTERPRETER_MODULE_FILE),
      moduleSha256: INTERPRETER_MODULE_SHA256,
      launcherPath: join(fake.appRoot, 'machine', 'powershell', ELEVATED_LAUNCHER_FILE),
      launcherSha256: ELEVATED_LAUNCHER_SHA256,
      powershellPath: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
    });
  });
});
