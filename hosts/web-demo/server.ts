import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createIpcHandlers, type IpcHandlers } from '../../engine/ipc-handlers.js';
import { withRemoteHandlers } from '../../engine/ipc-handlers-remote.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import { IPC_CHANNELS, IPC_EVENTS, type IpcChannel, type IpcEvent } from '../../shared/ipc.js';
import { PROGRESS_EVENT, SCAN_PROGRESS_EVENT } from '../../shared/ipc-channel-names.js';
import { DEMO_SAMPLE_MACHINES, openWorld, type World } from '../composition-root.js';
import { openRemoteSession } from '../composition-root-remote.js';
import { demoHostHistory } from './demo-host-history.js';

/*
 * Development and e2e only: serves the built renderer on 127.0.0.1 and bridges `window.rdpRepair` to the same
 * IPC handlers Electron's main uses, over a simulated machine. Each start gets a fresh data folder, so every
 * run (and every e2e spec file) begins with an empty journal.
 */

const DEFAULT_PORT = 5199;
const MAX_BODY_BYTES = 1024 * 1024;
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'";
const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
};

const here = dirname(fileURLToPath(import.meta.url));
// Bundled as dist/web-demo/server.mjs: the renderer build sits beside it in dist/renderer.
const distDir = resolve(here, '..');
const repoDir = resolve(distDir, '..');

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(2);
}

interface DemoOptions {
  port: number;
  /** --machine FILE; without it, the first of the demo's samples that is there. */
  machineFile: string | undefined;
  /** Keep the journal here instead of a fresh temp folder (e2e: find an interrupted run after a restart). */
  dataDir: string | undefined;
  /** e2e only: the process dies right after this write op, as if the app crashed mid-apply. */
  killAfterWrite: number | undefined;
  /** The simulated remote computer "Check and fix it from here" reaches (--remote-machine FILE). */
  remoteMachineFile: string;
}

/**
 * The demo's remote computer: a server whose Remote Desktop certificate has expired (what this PC's handshake
 * sees in remote-fix-from-here.json) and one of whose Remote Desktop services is disabled.
 */
const DEMO_REMOTE_MACHINE = 'sample-machines/remote-server01.json';

function readOptions(): DemoOptions {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      machine: { type: 'string' },
      'data-dir': { type: 'string' },
      'kill-after-write': { type: 'string' },
      'remote-machine': { type: 'string' },
    },
    strict: true,
  });
  const kill = values['kill-after-write'];
  const killAfterWrite = kill === undefined ? undefined : Number(kill);
  if (killAfterWrite !== undefined && !(Number.isInteger(killAfterWrite) && killAfterWrite > 0)) {
    fail(`--kill-after-write "${kill}" must be a positive whole number.`);
  }
  const portText = values.port ?? process.env.RDP_REPAIR_DEMO_PORT ?? String(DEFAULT_PORT);
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) fail(`--port "${portText}" is not a port number.`);
  const machineFile = values.machine ? resolve(values.machine) : undefined;
  const dataDir = values['data-dir'] === undefined ? undefined : resolve(values['data-dir']);
  const remoteMachineFile = resolve(values['remote-machine'] ?? join(repoDir, DEMO_REMOTE_MACHINE));
  return { port, machineFile, dataDir, killAfterWrite, remoteMachineFile };
}

function isChannel(name: string): name is IpcChannel {
  return Object.hasOwn(IPC_CHANNELS, name);
}

async function readJsonBody(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > MAX_BODY_BYTES) throw new Error('request body too large');
    chunks.push(buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  return text === '' ? {} : JSON.parse(text);
}

function send(response: ServerResponse, status: number, type: string, body: string | Buffer): void {
  response.writeHead(status, {
    'content-type': type,
    'content-security-policy': CSP,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  response.end(body);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  send(response, status, 'application/json; charset=utf-8', JSON.stringify(value));
}

/** The demo's world through the composition root: its simulated machine, held in memory, and its data folder. */
async function openDemoWorld(options: DemoOptions): Promise<{ world: World; machine: SimulatedMachine }> {
  const { machineFile, dataDir, killAfterWrite } = options;
  const world = await openWorld({
    host: 'web-demo',
    machineFile,
    samples: DEMO_SAMPLE_MACHINES.map((file) => join(repoDir, file)),
    packageRoot: repoDir,
    dataDir,
    ...(killAfterWrite === undefined ? {} : { faults: { killAfterWrite } }),
  });
  if (!(world.port instanceof SimulatedMachine))
    throw new Error('The web demo runs on a simulated machine only.');
  return { world, machine: world.port };
}

/** Server-Sent Events on /events: each event checked against the contract, as Electron's main does. */
function eventStream() {
  const subscribers = new Set<ServerResponse>();
  const publish =
    <E extends IpcEvent>(event: E) =>
    (payload: unknown) => {
      const parsed = IPC_EVENTS[event].safeParse(payload);
      if (!parsed.success) return;
      const frame = `event: ${event}\ndata: ${JSON.stringify(parsed.data)}\n\n`;
      for (const subscriber of subscribers) subscriber.write(frame);
    };
  const subscribe = (request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      connection: 'keep-alive',
    });
    response.write(': connected\n\n');
    subscribers.add(response);
    request.on('close', () => subscribers.delete(response));
  };
  const endAll = () => {
    for (const subscriber of subscribers) subscriber.end();
  };
  return { publish, subscribe, endAll };
}

type EventStream = ReturnType<typeof eventStream>;

/**
 * "Check and fix it from here" in the demo: the simulated remoting endpoint (machine/remote/simulated-endpoint.ts)
 * behind the same IPC. A computer of the simulated network whose remoting port is open opens as the simulated
 * remote computer; any other is refused with the real port's sentence. A browser has no file dialog for main to
 * show, so choosing the SSH key picks a stand-in key that exists nowhere.
 */
function demoRemote(world: World, machine: SimulatedMachine, remoteMachineFile: string) {
  const endpoint = {
    kind: 'simulated' as const,
    hosts: () => machine.snapshot().network.hosts,
    machineFile: remoteMachineFile,
    network: world.network,
    now: world.now,
  };
  return {
    open: (request: Parameters<typeof openRemoteSession>[1], keyFile: string | undefined) =>
      openRemoteSession({ dataDir: world.dataDir, endpoint }, request, keyFile),
    chooseKey: async () => 'simulated-keys/id_ed25519',
  };
}

/** The same IPC handlers Electron's main uses, over the demo's world. */
function demoHandlers(
  world: World,
  machine: SimulatedMachine,
  events: EventStream,
  remoteMachineFile: string,
): IpcHandlers {
  const deps = {
    machine: world.port,
    network: world.network,
    dataDir: world.dataDir,
    lockFile: world.lockFile,
    preview: world.preview,
    onProgress: events.publish(PROGRESS_EVENT),
    onScanProgress: events.publish(SCAN_PROGRESS_EVENT),
    now: world.now,
  };
  const handlers = withRemoteHandlers(
    createIpcHandlers(deps),
    deps,
    demoRemote(world, machine, remoteMachineFile),
  );
  // The host field starts with the first computer of the history: in the demo, one the simulated network knows.
  const machineHistory = handlers['hosts:history'];
  handlers['hosts:history'] = async (request) => {
    const result = await machineHistory(request);
    if (!result.ok) return result;
    return { ok: true, value: demoHostHistory(result.value, Object.keys(machine.snapshot().network.hosts)) };
  };
  return handlers;
}

/**
 * The renderer's page with the bridge: deferred like the module script after it, so it runs first (document
 * order) without holding up the parser: Electron's preload costs no fetch either, and the start screen should
 * not wait on one here.
 */
async function indexPage(rendererDir: string): Promise<string> {
  return (await readFile(join(rendererDir, 'index.html'), 'utf8')).replace(
    '<script type="module"',
    '<script defer src="./bridge.js"></script>\n    <script type="module"',
  );
}

async function serveStatic(
  pathname: string,
  response: ServerResponse,
  site: { rendererDir: string; indexHtml: string },
): Promise<void> {
  if (pathname === '/' || pathname === '/index.html') {
    send(response, 200, CONTENT_TYPES['.html'] ?? 'text/html', site.indexHtml);
    return;
  }
  const bridge = join(here, 'bridge.js');
  const file =
    pathname === '/bridge.js' ? bridge : resolve(site.rendererDir, `.${decodeURIComponent(pathname)}`);
  const insideDist = file === bridge || file.startsWith(site.rendererDir + sep);
  if (!insideDist || !existsSync(file)) {
    send(response, 404, 'text/plain; charset=utf-8', 'Not found');
    return;
  }
  send(response, 200, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file));
}

async function serveIpc(
  name: string,
  request: IncomingMessage,
  response: ServerResponse,
  handlers: IpcHandlers,
): Promise<void> {
  if (request.method !== 'POST' || !isChannel(name)) {
    sendJson(response, 404, { ok: false, error: { code: 'not-found', message: 'No such channel.' } });
    return;
  }
  // A JSON content type cannot be sent by a plain HTML form, so other pages cannot post here blind.
  if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
    sendJson(response, 415, { ok: false, error: { code: 'invalid-input', message: 'Send JSON.' } });
    return;
  }
  let body: unknown;
  try {
    body = await readJsonBody(request);
  } catch {
    sendJson(response, 400, {
      ok: false,
      error: { code: 'invalid-input', message: 'The request is not JSON.' },
    });
    return;
  }
  sendJson(response, 200, await handlers[name](body));
}

interface Site {
  rendererDir: string;
  indexHtml: string;
  handlers: IpcHandlers;
  events: EventStream;
  /** Set once the server listens: its own host names on its port. */
  allowedHosts: () => ReadonlySet<string>;
}

function requestHandler(site: Site) {
  return async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    // Loopback only, and only under our own host name: a page elsewhere cannot rebind a name to us.
    if (!site.allowedHosts().has(request.headers.host ?? '')) {
      send(response, 403, 'text/plain; charset=utf-8', 'Forbidden');
      return;
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'GET' && url.pathname === '/events') {
      site.events.subscribe(request, response);
      return;
    }
    const ipc = /^\/ipc\/([a-z]+:[a-z-]+)$/.exec(url.pathname);
    if (ipc) return serveIpc(ipc[1] ?? '', request, response, site.handlers);
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed');
      return;
    }
    await serveStatic(url.pathname, response, site);
  };
}

/** The HTTP server on 127.0.0.1; says its address once it listens. */
function startServer(site: Omit<Site, 'allowedHosts'>, port: number, label: string): Server {
  let allowedHosts: ReadonlySet<string> = new Set();
  const handle = requestHandler({ ...site, allowedHosts: () => allowedHosts });
  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      process.stderr.write(`web demo: ${error instanceof Error ? error.message : String(error)}\n`);
      if (!response.headersSent) send(response, 500, 'text/plain; charset=utf-8', 'Internal error');
      else response.end();
    });
  });
  server.listen(port, '127.0.0.1', () => {
    const actual = (server.address() as AddressInfo).port;
    allowedHosts = new Set([`127.0.0.1:${actual}`, `localhost:${actual}`]);
    process.stdout.write(`RDP Repair web demo on ${label}: http://127.0.0.1:${actual}/\n`);
  });
  return server;
}

/** On SIGINT or SIGTERM: end the event streams, close the server, remove a temporary data folder. */
function stopOnSignals(server: Server, events: EventStream, temporaryDataDir: string | undefined): void {
  const shutdown = () => {
    events.endAll();
    server.close(() => {
      if (temporaryDataDir === undefined) process.exit(0);
      void rm(temporaryDataDir, { recursive: true, force: true }).finally(() => process.exit(0));
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

async function main(): Promise<void> {
  const options = readOptions();
  const rendererDir = join(distDir, 'renderer');
  if (!existsSync(join(rendererDir, 'index.html')))
    fail('dist/renderer is missing: run "npm run build" first.');
  const { world, machine } = await openDemoWorld(options);
  const events = eventStream();
  const handlers = demoHandlers(world, machine, events, options.remoteMachineFile);
  const indexHtml = await indexPage(rendererDir);
  const server = startServer({ rendererDir, indexHtml, handlers, events }, options.port, machine.label);
  // A data folder the demo was not given is its own: a fresh one per start, removed when it stops.
  stopOnSignals(server, events, options.dataDir === undefined ? world.dataDir : undefined);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
