import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, protocol, session, shell } from 'electron';
import { defaultDataDir } from '../engine/data-dir.js';
import { createIpcHandlers, type IpcHandlerDeps } from '../engine/ipc-handlers.js';
import { type RemoteDeps, withRemoteHandlers } from '../engine/ipc-handlers-remote.js';
import {
  DEMO_SAMPLE_MACHINES,
  openWorld,
  ownProcessIdentity,
  type World,
} from '../hosts/composition-root.js';
import { openRemoteSession } from '../hosts/composition-root-remote.js';
import type { OpenToolResult, SystemTool } from '../shared/ipc.js';
import { PROGRESS_EVENT, SCAN_PROGRESS_EVENT } from '../shared/ipc-channel-names.js';
import { eventForwarder, registerIpc } from './ipc.js';
import { logBatch, logError, logFolder, setUpLog } from './log.js';
import { CONTENT_SECURITY_POLICY, resolveAppFile } from './security/app-protocol.js';
import { APP_ENTRY_URL, APP_SCHEME, isAppUrl } from './security/app-url.js';
import { isAllowedExternalUrl } from './security/external-urls.js';
import { chooseMachine } from './security/machine-choice.js';
import { isAllowedMailtoUrl } from './security/mailto-url.js';
import {
  systemToolLaunch,
  toolNeedsWindows,
  toolNotOpened,
  toolOnlyOnWindows,
  toolOpened,
} from './security/system-tools.js';
import { appWindowOptions } from './security/window-options.js';
import { windowHandleText } from './window-handle.js';

/*
 * The Electron edge: one window, one instance, the renderer on app:// with a strict CSP, no navigation,
 * no new windows, no permissions, no remote content, and IPC only from the app's own main frame.
 */

let mainWindow: BrowserWindow | null = null;
const appWindow = () => mainWindow;

// The app root holds package.json, the renderer build (dist/renderer) and the sample machines.
const appRoot = () => app.getAppPath();
const rendererDir = () => join(appRoot(), 'dist', 'renderer');

/**
 * The app's world, through the composition root: on Windows the real machine (its UAC prompt owned by the app
 * window) in the data folder it shares with the CLI; elsewhere, or with --demo, a copy of a sample machine in a
 * `demo` folder beside it, so a demo run can never be undone on the real machine. Every batch reaches the log.
 */
// Packaged: the module and launcher ship under resources/powershell; in development they are in the source.
const interpreterFolder = () =>
  app.isPackaged ? join(process.resourcesPath, 'powershell') : join(appRoot(), 'machine', 'powershell');

function openAppWorld(): Promise<World> {
  return openWorld({
    host: 'app',
    machine: chooseMachine(process.platform, process.argv).kind,
    dataDir: defaultDataDir(),
    interpreterFolder: interpreterFolder(),
    samples: DEMO_SAMPLE_MACHINES.map((file) => join(appRoot(), file)),
    ownerWindow: () => windowHandleText(mainWindow?.getNativeWindowHandle()),
    log: { batch: logBatch, error: logError },
  });
}

/** Starts a program that outlives the call; settles once Windows has started it or refused. */
function startDetached(executable: string, args: readonly string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(executable, [...args], { detached: true, stdio: 'ignore', shell: false });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  });
}

/** "Get help": Event Viewer, Credential Manager or the log folder; what each starts is fixed in system-tools.ts. */
async function openTool(tool: SystemTool): Promise<OpenToolResult> {
  if (toolNeedsWindows(tool) && process.platform !== 'win32') return toolOnlyOnWindows(tool);
  try {
    const folder = logFolder();
    if (tool === 'log-folder') mkdirSync(folder, { recursive: true });
    const launch = systemToolLaunch(tool, folder);
    if (launch.kind === 'spawn') {
      await startDetached(launch.executable, launch.args);
    } else if (launch.kind === 'open-uri') {
      // One of two fixed settings URIs (system-tools.ts), never anything the renderer sent.
      await shell.openExternal(launch.uri); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
    } else {
      const failure = await shell.openPath(launch.path);
      if (failure !== '') return toolNotOpened(tool, failure);
    }
    return toolOpened(tool);
  } catch (error) {
    logError(`open ${tool}`, error);
    return toolNotOpened(tool, error instanceof Error ? error.message : String(error));
  }
}

/**
 * "Check and fix it from here" (issue 26): another computer through PowerShell remoting, its journal in
 * remote/<via>-<computer> of this PC's data folder (the folder `rdp-repair --remote` uses). The demo has no
 * remoting: it answers in one sentence. The SSH key comes from this dialog, never from the page.
 */
function remoteDeps(): RemoteDeps {
  const demo = chooseMachine(process.platform, process.argv).kind !== 'powershell';
  return {
    open: async (request, keyFile) =>
      demo
        ? 'The demo app has no remote computer to reach; run the web demo (npm run demo:web) to try this.'
        : openRemoteSession(
            {
              dataDir: defaultDataDir(),
              endpoint: {
                kind: 'powershell',
                interpreterFolder: interpreterFolder(),
                packageRoot: appRoot(),
                log: { batch: logBatch, error: logError },
              },
            },
            request,
            keyFile,
          ),
    chooseKey: async () => {
      const window = mainWindow;
      const options = {
        title: 'The SSH key that signs in to that computer',
        properties: ['openFile' as const, 'showHiddenFiles' as const],
      };
      const chosen = window
        ? await dialog.showOpenDialog(window, options)
        : await dialog.showOpenDialog(options);
      return chosen.canceled ? undefined : chosen.filePaths[0];
    },
  };
}

async function serveAppFile(request: Request): Promise<Response> {
  const resolved = resolveAppFile(request.url, rendererDir());
  if (!resolved.ok) return new Response(null, { status: resolved.status });
  try {
    const body = await readFile(resolved.file);
    return new Response(body, {
      headers: {
        'content-type': resolved.contentType,
        'content-security-policy': CONTENT_SECURITY_POLICY,
        'x-content-type-options': 'nosniff',
      },
    });
  } catch {
    return new Response(null, { status: 404 });
  }
}

function hardenSession(): void {
  const ses = session.defaultSession;
  ses.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  // No remote content: only the app's own protocol (and devtools internals) may load.
  ses.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAppUrl(details.url) || details.url.startsWith('devtools:');
    callback({ cancel: !allowed });
  });
}

/**
 * What the first check would wait for, started once the window has painted (never before: on two cores a
 * PowerShell starting beside the first paint would delay it): the PowerShell session with the interpreter
 * loaded, then this process's own start time for the apply lock (on Windows a PowerShell of its own, so after).
 */
function warmUpAfterFirstPaint(warmUp: () => Promise<void>): void {
  setTimeout(() => {
    void warmUp()
      .catch((error: unknown) => logError('warm-up', error))
      .finally(() => void ownProcessIdentity());
  }, 0);
}

function createWindow(onFirstPaint: () => void): BrowserWindow {
  // electronegativity cannot see options built in another file; appWindowOptions() sets context isolation,
  // sandbox and Auxclick off, asserted by window-options.test.ts and main.test.ts.
  const options = appWindowOptions(join(__dirname, 'preload.cjs'), app.isPackaged);
  const window = new BrowserWindow(options); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  // ready-to-show: the renderer has painted its first frame (the window is created hidden until then).
  window.once('ready-to-show', () => {
    window.show();
    onFirstPaint();
  });
  window.on('closed', () => {
    mainWindow = null;
  });
  void window.loadURL(APP_ENTRY_URL);
  return window;
}

function start(): void {
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } },
  ]);

  app.on('second-instance', () => {
    if (mainWindow === null) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });

  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      // Only https pages on the allow-list (external-urls.ts, tested) reach the browser, and only the
      // hand-off's mailto: (no recipient, subject and body only; mailto-url.ts, tested) the mail app.
      const allowed = isAllowedExternalUrl(url) || isAllowedMailtoUrl(url);
      if (allowed) void shell.openExternal(url); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
      return { action: 'deny' };
    });
  });

  app.on('window-all-closed', () => app.quit());

  void app
    .whenReady()
    .then(async () => {
      setUpLog();
      hardenSession();
      protocol.handle(APP_SCHEME, serveAppFile);
      const world = await openAppWorld();
      const deps: IpcHandlerDeps = {
        machine: world.port,
        network: world.network,
        now: world.now,
        dataDir: world.dataDir,
        lockFile: world.lockFile,
        preview: world.preview,
        onProgress: eventForwarder(PROGRESS_EVENT, appWindow),
        onScanProgress: eventForwarder(SCAN_PROGRESS_EVENT, appWindow),
        openTool,
      };
      registerIpc(withRemoteHandlers(createIpcHandlers(deps), deps, remoteDeps()), appWindow);
      mainWindow = createWindow(() => warmUpAfterFirstPaint(world.warmUp));
    })
    .catch((error: unknown) => {
      // Without a machine there is nothing to show: say why in one box rather than leave no window at all.
      dialog.showErrorBox('RDP Repair cannot start', error instanceof Error ? error.message : String(error));
      app.quit();
    });
}

if (app.requestSingleInstanceLock()) start();
else app.quit();
