import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { probeFleet } from '../../hosts/cli/fleet-probe.js';
import type { FleetTarget } from '../../hosts/cli/hosts-file.js';
import { realNetwork } from '../../network/handshake-probe.js';
import { cli } from '../cli/cli-harness.js';
import {
  cleanUpServers,
  freePort,
  makeCertificate,
  type Running,
  startFullBacklog,
  startXrdp,
} from './servers.js';

/*
 * `rdp-repair probe --hosts-file` against real xrdp servers (TLS with a valid and an expired certificate,
 * Standard RDP Security, negotiate) and the fakes (closes after accepting, HTTP, silent, unanswered SYNs,
 * refused, unresolvable): 24 computers. The whole fleet must take about the time of its slowest computer, which
 * is checked against the sum of the same computers probed one after another (bench-like, not a fixed time).
 */

const running: Running[] = [];
const nodeServers: Server[] = [];
let folder: string;
let targets: FleetTarget[];
let named: { valid: number; expired: number; closes: number; http: number; silent: number };

async function nodeServer(onConnection: (socket: Socket) => void): Promise<number> {
  const server = createServer(onConnection);
  nodeServers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no port');
  return address.port;
}

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'rdp-repair-fleet-'));
  const xrdp = [
    await startXrdp('tls', makeCertificate('fleet-valid.test', 'valid')),
    await startXrdp('tls', makeCertificate('fleet-expired.test', 'expired')),
    await startXrdp('rdp'),
    await startXrdp('negotiate', makeCertificate('fleet-negotiate.test', 'valid')),
  ];
  const filtered = await startFullBacklog();
  running.push(...xrdp, filtered);
  named = {
    valid: xrdp[0]?.port ?? 0,
    expired: xrdp[1]?.port ?? 0,
    closes: await nodeServer((socket) => socket.destroy()),
    http: await nodeServer((socket) => {
      socket.on('error', () => undefined);
      socket.once('data', () => socket.end('HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n'));
    }),
    silent: await nodeServer((socket) => socket.on('error', () => undefined)),
  };
  const ports = [...xrdp.map((s) => s.port), named.closes, named.http, named.silent, filtered.port];
  ports.push(await freePort(), await freePort());
  // Ten listeners (two of them refusing) under two names, the valid and expired xrdp once more, and two names
  // that do not resolve: 24 computers.
  targets = [
    ...ports.map((port) => ({ host: '127.0.0.1', port })),
    ...ports.map((port) => ({ host: 'localhost', port })),
    { host: '127.0.0.1', port: named.valid },
    { host: '127.0.0.1', port: named.expired },
    { host: 'nothing-here.invalid', port: 3389 },
    { host: 'nor-here.invalid', port: 3389 },
  ];
  writeFileSync(join(folder, 'hosts.txt'), targets.map((t) => `${t.host}:${t.port}`).join('\n'));
}, 90_000);

afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  for (const server of nodeServers) server.close();
  cleanUpServers();
  rmSync(folder, { recursive: true, force: true });
});

describe('probe --hosts-file against real and fake servers', () => {
  it('one row per computer, worst first, exit 1; the valid xrdp is fine and the expired one the remote side', async () => {
    const run = await cli('probe', '--hosts-file', join(folder, 'hosts.txt'), '--json');
    expect(run.code).toBe(1);
    const rows = JSON.parse(run.stdout) as { host: string; port: number; verdict: { side: string } }[];
    expect(rows).toHaveLength(24);
    const side = (port: number) => rows.find((r) => r.host === '127.0.0.1' && r.port === port)?.verdict.side;
    expect(side(named.valid)).toBe('none');
    expect(side(named.expired)).toBe('remote-pc');
    for (const name of ['closes', 'http', 'silent'] as const)
      expect(side(named[name]), name).not.toBe('none');
    expect(rows.filter((r) => r.host.endsWith('.invalid')).map((r) => r.verdict.side)).toEqual([
      'network',
      'network',
    ]);
    const order = ['remote-pc', 'network', 'this-pc', 'unknown', 'none'];
    const ranks = rows.map((r) => order.indexOf(r.verdict.side));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  }, 120_000);

  it('takes about the time of the slowest computer, far from the sum of them one by one', async () => {
    const alone: number[] = [];
    for (const target of targets) {
      const started = performance.now();
      await probeFleet([target], realNetwork, { concurrency: 1 });
      alone.push(performance.now() - started);
    }
    const sum = alone.reduce((a, b) => a + b, 0);
    const slowest = Math.max(...alone);
    const started = performance.now();
    const rows = await probeFleet(targets, realNetwork, { concurrency: 32 });
    const together = performance.now() - started;
    expect(rows).toHaveLength(24);
    console.info(
      `fleet of ${targets.length}: together ${Math.round(together)} ms, slowest alone ${Math.round(slowest)} ms, sum ${Math.round(sum)} ms`,
    );
    expect(together).toBeLessThan(sum / 3);
    expect(together).toBeLessThan(slowest * 1.5 + 1_000);
  }, 240_000);
});
