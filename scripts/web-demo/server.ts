import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { createIpcHandlers } from '../../engine/ipc-handlers.js';
import { loadMachineFile } from '../../machine/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import { simulatedNetwork } from '../../network/simulated-network.js';
import { IPC_CHANNELS, IPC_EVENTS, type IpcChannel, type IpcEvent } from '../../shared/ipc.js';
import { PROGRESS_EVENT, SCAN_PROGRESS_EVENT } from '../../shared/ipc-channel-names.js';
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
  machineFile: string;
  /** Keep the journal here instead of a fresh temp folder (e2e: find an interrupted run after a restart). */
  dataDir: string | undefined;
  /** e2e only: the process dies right after this write op, as if the app crashed mid-apply. */
  killAfterWrite: number | undefined;
}

function readOptions(): DemoOptions {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      machine: { type: 'string' },
      'data-dir': { type: 'string' },
      'kill-after-write': { type: 'string' },
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
  const broken = join(repoDir, 'machines/everything-broken.json');
  const machineFile = values.machine
    ? resolve(values.machine)
    : existsSync(broken)
      ? broken
      : join(repoDir, 'machines/udp-enabled.json');
  const dataDir = values['data-dir'] === undefined ? undefined : resolve(values['data-dir']);
  return { port, machineFile, dataDir, killAfterWrite };
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

async function main(): Promise<void> {
  const { port, machineFile, dataDir: keptDataDir, killAfterWrite } = readOptions();
  const rendererDir = join(distDir, 'renderer');
  if (!existsSync(join(rendererDir, 'index.html')))
    fail('dist/renderer is missing: run "npm run build" first.');

  const description = await loadMachineFile(machineFile);
  const machine = new SimulatedMachine(description, {
    label: relative(repoDir, machineFile).split(sep).join('/'),
    ...(killAfterWrite === undefined ? {} : { faults: { killAfterWrite } }),
  });
  const dataDir = keptDataDir ?? (await mkdtemp(join(tmpdir(), 'rdp-repair-demo-')));
  const subscribers = new Set<ServerResponse>();
  // Each event checked against the contract, as Electron's main does, and named after its IPC event.
  const publish =
    <E extends IpcEvent>(event: E) =>
    (payload: unknown) => {
      const parsed = IPC_EVENTS[event].safeParse(payload);
      if (!parsed.success) return;
      const frame = `event: ${event}\ndata: ${JSON.stringify(parsed.data)}\n\n`;
      for (const subscriber of subscribers) subscriber.write(frame);
    };
  // The machine's own clock: sample machines pin theirs, so findings do not change with the calendar.
  const network = simulatedNetwork(
    () => machine.snapshot().network.hosts,
    () => machine.now(),
    () => machine.snapshot().simulation.handshakeDelayMs,
  );
  const handlers = createIpcHandlers({
    machine,
    network,
    dataDir,
    onProgress: publish(PROGRESS_EVENT),
    onScanProgress: publish(SCAN_PROGRESS_EVENT),
    now: () => machine.now(),
  });
  // The host field starts with the first computer of the history: in the demo, one the simulated network knows.
  const machineHistory = handlers['hosts:history'];
  handlers['hosts:history'] = async (request) => {
    const result = await machineHistory(request);
    if (!result.ok) return result;
    return { ok: true, value: demoHostHistory(result.value, Object.keys(machine.snapshot().network.hosts)) };
  };

  // Deferred like the module script after it, so it runs first (document order) without holding up the
  // parser: Electron's preload costs no fetch either, and the start screen should not wait on one here.
  const indexHtml = (await readFile(join(rendererDir, 'index.html'), 'utf8')).replace(
    '<script type="module"',
    '<script defer src="./bridge.js"></script>\n    <script type="module"',
  );

  let allowedHosts: ReadonlySet<string> = new Set();

  async function serveStatic(pathname: string, response: ServerResponse): Promise<void> {
    if (pathname === '/' || pathname === '/index.html') {
      send(response, 200, CONTENT_TYPES['.html'] ?? 'text/html', indexHtml);
      return;
    }
    const file =
      pathname === '/bridge.js'
        ? join(here, 'bridge.js')
        : resolve(rendererDir, `.${decodeURIComponent(pathname)}`);
    const insideDist = file === join(here, 'bridge.js') || file.startsWith(rendererDir + sep);
    if (!insideDist || !existsSync(file)) {
      send(response, 404, 'text/plain; charset=utf-8', 'Not found');
      return;
    }
    send(response, 200, CONTENT_TYPES[extname(file)] ?? 'application/octet-stream', await readFile(file));
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    // Loopback only, and only under our own host name: a page elsewhere cannot rebind a name to us.
    if (!allowedHosts.has(request.headers.host ?? '')) {
      send(response, 403, 'text/plain; charset=utf-8', 'Forbidden');
      return;
    }
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    if (request.method === 'GET' && url.pathname === '/events') {
      response.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      response.write(': connected\n\n');
      subscribers.add(response);
      request.on('close', () => subscribers.delete(response));
      return;
    }
    const ipc = /^\/ipc\/([a-z]+:[a-z-]+)$/.exec(url.pathname);
    if (ipc) {
      const name = ipc[1] ?? '';
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
      return;
    }
    if (request.method !== 'GET' && request.method !== 'HEAD') {
      send(response, 405, 'text/plain; charset=utf-8', 'Method not allowed');
      return;
    }
    await serveStatic(url.pathname, response);
  }

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
    process.stdout.write(`RDP Repair web demo on ${machine.label}: http://127.0.0.1:${actual}/\n`);
  });

  const shutdown = () => {
    for (const subscriber of subscribers) subscriber.end();
    server.close(() => {
      if (keptDataDir !== undefined) process.exit(0);
      void rm(dataDir, { recursive: true, force: true }).finally(() => process.exit(0));
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
