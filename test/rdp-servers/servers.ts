import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/*
 * Real Remote Desktop servers no one here wrote, started on loopback ports for the tests: Debian's xrdp (TLS with
 * an openssl-made certificate, valid or already expired, in chosen TLS versions; negotiate; or Standard RDP
 * Security) and FreeRDP's shadow server requiring NLA under Xvfb; and, for what no server does on demand, a
 * listener whose accept queue is full (its SYNs go unanswered: "filtered"). Every wait is bounded and waits for a
 * state (the port answering).
 */

export const TOOLS = {
  xrdp: '/usr/sbin/xrdp',
  shadow: '/usr/bin/freerdp-shadow-cli',
  xfreerdp: '/usr/bin/xfreerdp',
  xvfb: '/usr/bin/Xvfb',
  openssl: '/usr/bin/openssl',
  python: '/usr/bin/python3',
} as const;

/** The tools that are missing, by name: the suite does not run without them (and says so). */
export function missingTools(): string[] {
  return Object.entries(TOOLS)
    .filter(([, path]) => !existsSync(path))
    .map(([name]) => name);
}

export interface Running {
  port: number;
  /** The server's process, for the bench to read its CPU time. */
  pid?: number | undefined;
  stop(): Promise<void>;
}

// Made on first use: a process that only asks which tools are missing (npm run test:servers checks first) leaves
// no folder behind.
let workFolder: string | undefined;
function work(): string {
  workFolder ??= mkdtempSync(join(tmpdir(), 'rdp-repair-servers-'));
  return workFolder;
}
export function cleanUpServers(): void {
  if (workFolder) rmSync(workFolder, { recursive: true, force: true });
  workFolder = undefined;
}

export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** Resolves once something accepts TCP on the port; at most `attempts` tries, 100 ms apart. */
export async function waitForListening(port: number, child?: ChildProcess, attempts = 100): Promise<void> {
  for (let i = 0; i < attempts; i++) {
    if (child && child.exitCode !== null)
      throw new Error(`the server exited (${child.exitCode}) before listening on ${port}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
      socket.connect(port, '127.0.0.1');
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`nothing listened on ${port} after ${attempts} tries`);
}

function stopper(child: ChildProcess): () => Promise<void> {
  return async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
}

/**
 * Starts a server on a port that was free a moment ago. Between freePort() closing its listener and the server
 * binding, the port can be taken (another test file's server, or a client socket's ephemeral port: both come from
 * the same range), and the server then exits before listening: seen once in CI, FreeRDP's shadow server exiting
 * with 255. So a server that exits before listening is started again on a new port, at most three times, and each
 * failed start's last log lines are printed, so a cause other than the port shows in the CI log.
 */
async function startOnFreePort(
  name: string,
  start: (port: number) => Promise<{ child: ChildProcess; log: () => string }>,
): Promise<Running> {
  const attempts = 3;
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    const { child, log } = await start(port);
    try {
      await waitForListening(port, child);
      return { port, pid: child.pid, stop: stopper(child) };
    } catch (error) {
      const tail = log().trim().split('\n').slice(-5).join('\n');
      if (child.exitCode === null || attempt >= attempts)
        throw new Error(`${name}: ${(error as Error).message}${tail ? `\n${tail}` : ''}`);
      console.warn(
        `${name} exited (${child.exitCode}) before listening on ${port}; starting it again:\n${tail}`,
      );
    }
  }
}

export interface MadeCertificate {
  cert: string;
  key: string;
}

/** A self-signed certificate: valid for 30 days from now, or one that expired on 2025-01-01. */
export function makeCertificate(name: string, kind: 'valid' | 'expired'): MadeCertificate {
  const folder = join(work(), `cert-${name}`);
  mkdirSync(folder, { recursive: true });
  const made = { cert: join(folder, 'cert.pem'), key: join(folder, 'key.pem') };
  if (kind === 'valid') makeValid(name, made);
  else makeExpired(name, folder, made);
  return made;
}

function openssl(args: readonly string[]): void {
  execFileSync(TOOLS.openssl, args, { stdio: 'ignore' });
}

function makeValid(name: string, { cert, key }: MadeCertificate): void {
  openssl(
    ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '30', '-subj', `/CN=${name}`].concat([
      '-addext',
      `subjectAltName=DNS:${name}`,
      '-keyout',
      key,
      '-out',
      cert,
    ]),
  );
}

// openssl req cannot back-date a certificate; openssl ca -selfsign can.
function makeExpired(name: string, folder: string, { cert, key }: MadeCertificate): void {
  const config = join(folder, 'ca.cnf');
  writeFileSync(
    config,
    `[ ca ]\ndefault_ca = test\n[ test ]\ndir = ${folder}\ndatabase = ${folder}/index.txt\nnew_certs_dir = ${folder}\nserial = ${folder}/serial\ndefault_md = sha256\npolicy = anything\n[ anything ]\ncommonName = supplied\n[ req ]\ndistinguished_name = dn\nprompt = no\n[ dn ]\nCN = ${name}\n`,
  );
  writeFileSync(join(folder, 'index.txt'), '');
  writeFileSync(join(folder, 'serial'), '01\n');
  const csr = join(folder, 'req.csr');
  openssl(['req', '-new', '-newkey', 'rsa:2048', '-nodes', '-keyout', key, '-out', csr, '-config', config]);
  openssl(
    ['ca', '-batch', '-config', config, '-selfsign', '-keyfile', key, '-in', csr, '-out', cert].concat([
      '-startdate',
      '20240101000000Z',
      '-enddate',
      '20250101000000Z',
    ]),
  );
}

/** What xrdp's `[Globals]` says about TLS: the versions, and the ciphers (TLS 1.0 needs security level 0). */
export interface XrdpTls {
  /** `ssl_protocols=`: `TLSv1`, `TLSv1.1`, `TLSv1.2`, `TLSv1.3`, comma-separated. */
  sslProtocols?: string;
  /** `tls_ciphers=`, e.g. `DEFAULT@SECLEVEL=0` (Debian's OpenSSL refuses TLS 1.0 otherwise). */
  tlsCiphers?: string;
}

/** xrdp on a loopback port with `security_layer` tls or negotiate (and this certificate), or rdp. */
export async function startXrdp(
  securityLayer: 'tls' | 'rdp' | 'negotiate',
  certificate?: MadeCertificate,
  tls: XrdpTls = {},
): Promise<Running> {
  return startOnFreePort('xrdp', (port) => {
    const folder = join(work(), `xrdp-${port}`);
    mkdirSync(folder, { recursive: true });
    const config = join(folder, 'xrdp.ini');
    writeFileSync(
      config,
      [
        '[Globals]',
        'ini_version=1',
        'fork=false',
        `port=tcp://127.0.0.1:${port}`,
        'use_vsock=false',
        `security_layer=${securityLayer}`,
        'crypt_level=high',
        `certificate=${certificate?.cert ?? ''}`,
        `key_file=${certificate?.key ?? ''}`,
        `ssl_protocols=${tls.sslProtocols ?? 'TLSv1.2, TLSv1.3'}`,
        ...(tls.tlsCiphers ? [`tls_ciphers=${tls.tlsCiphers}`] : []),
        // xfreerdp asks for its virtual channels and gives up when none are offered.
        'allow_channels=true',
        '[Logging]',
        `LogFile=${join(folder, 'xrdp.log')}`,
        'LogLevel=INFO',
        'EnableSyslog=false',
        '[Xorg]',
        'name=Xorg',
        'lib=libxup.so',
        'username=ask',
        'password=ask',
        'ip=127.0.0.1',
        'port=-1',
        'code=20',
        '',
      ].join('\n'),
    );
    const log = join(folder, 'xrdp.log');
    const child = spawn(TOOLS.xrdp, ['--nodaemon', '--config', config], { stdio: 'ignore' });
    return Promise.resolve({ child, log: () => (existsSync(log) ? readFileSync(log, 'utf8') : '') });
  });
}

let display: { number: number; stop: () => Promise<void> } | undefined;

/**
 * One Xvfb for the suite: the shadow server and the real client need a display. `-displayfd` makes Xvfb pick
 * a free display and write its number once it accepts clients: its socket file appears earlier than that, and
 * a shadow server started in between failed with "failed to open display" (1 start in 15, measured).
 * `-noreset`: without it Xvfb resets whenever its last client leaves (a shadow server or xfreerdp exiting), and a
 * shadow server started during the reset fails the same way (seen: the third quick start in a row).
 */
export async function xDisplay(): Promise<number> {
  if (display) return display.number;
  const child = spawn(
    TOOLS.xvfb,
    ['-displayfd', '3', '-noreset', '-screen', '0', '800x600x24', '-nolisten', 'tcp'],
    {
      stdio: ['ignore', 'ignore', 'ignore', 'pipe'],
    },
  );
  const number = await new Promise<number>((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('Xvfb named no display within 10 s')), 10_000);
    const fd = child.stdio[3] as NodeJS.ReadableStream | null;
    fd?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      const match = /^(\d+)\n/.exec(text);
      if (!match) return;
      clearTimeout(timer);
      resolve(Number(match[1]));
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited (${code}) before it was ready`));
    });
  });
  display = { number, stop: stopper(child) };
  return number;
}

export async function stopDisplay(): Promise<void> {
  await display?.stop();
  display = undefined;
}

/** FreeRDP's shadow server requiring NLA (CredSSP), on a loopback port. */
export async function startShadowNla(): Promise<Running> {
  const number = await xDisplay();
  return startOnFreePort('the FreeRDP shadow server', (port) => {
    const child = spawn(TOOLS.shadow, [`/port:${port}`, '/bind-address:127.0.0.1', '/sec:nla', '-auth'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, DISPLAY: `:${number}` },
    });
    let text = '';
    const keep = (chunk: Buffer) => {
      text = (text + chunk.toString()).slice(-4096);
    };
    child.stdout?.on('data', keep);
    child.stderr?.on('data', keep);
    return Promise.resolve({ child, log: () => text });
  });
}

/**
 * A listener whose accept queue is full: one connection fills it and is never accepted, so every further SYN
 * goes unanswered and a connect times out, as behind a firewall that drops packets.
 */
export async function startFullBacklog(): Promise<Running> {
  const script = [
    'import socket, sys, time',
    's = socket.socket()',
    "s.bind(('127.0.0.1', 0))",
    's.listen(0)',
    'print(s.getsockname()[1], flush=True)',
    'f = socket.create_connection(s.getsockname())',
    'time.sleep(120)',
  ].join('\n');
  const child = spawn(TOOLS.python, ['-c', script], { stdio: ['ignore', 'pipe', 'ignore'] });
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout?.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    child.once('exit', (code) => reject(new Error(`the backlog listener exited (${code})`)));
  });
  return { port, stop: stopper(child) };
}

/** The real client: xfreerdp +auth-only against the server, with its exit code and last lines. */
export function xfreerdpAuthOnly(port: number, number: number): { exitCode: number; log: string } {
  try {
    const log = execFileSync(
      TOOLS.xfreerdp,
      [
        `/v:127.0.0.1:${port}`,
        '/u:rdp-repair-test',
        '/p:not-a-password',
        '+auth-only',
        '/cert:ignore',
        '/timeout:5000',
      ],
      {
        encoding: 'utf8',
        env: { ...process.env, DISPLAY: `:${number}`, HOME: work() },
        timeout: 20_000,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    return { exitCode: 0, log };
  } catch (error) {
    const e = error as { status?: number; stdout?: string; stderr?: string };
    return { exitCode: e.status ?? -1, log: `${e.stdout ?? ''}${e.stderr ?? ''}` };
  }
}
