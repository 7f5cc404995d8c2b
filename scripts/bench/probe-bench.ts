import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { RepairEngine } from '../../engine/engine.js';
import { withRealNetwork } from '../../engine/real-network-machine.js';
import { powershellPreview } from '../../machine/powershell/powershell-preview.js';
import { loadMachineFile } from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import { probeHandshake, realNetwork } from '../../network/handshake-probe.js';
import { askServerMap } from '../../network/server-map.js';
import { Deadline } from '../../network/tcp-connect.js';
import { connectionRequest } from '../../network/x224.js';
import {
  cleanUpServers,
  makeCertificate,
  missingTools,
  startXrdp,
  stopDisplay,
  TOOLS,
  xDisplay,
} from '../../test/rdp-servers/servers.js';

/*
 * npm run bench:probe [-- ROUNDS] — the handshake probe against xrdp (TLS) on loopback, ROUNDS times (default 20):
 *   - the handshake alone against the least the same handshake can cost: TCP connect, the 19-byte X.224
 *     request, one read, TLS (target: at most 1.5x that);
 *   - the server's map alone (every protocol and TLS version question, five connections) against the same least
 *     cost, and the probe with the map beside the handshake (which takes two answers from the handshake: four
 *     connections of its own) against the handshake alone: what the map adds (target: at most 3x the least cost);
 *   - against a real client, xfreerdp +auth-only, to the same server;
 *   - the scan end to end with the probe beside the machine batch, against each alone (it should add nothing
 *     beyond the longer of the two).
 * Each round runs its measures in a shuffled order, so a busy moment on a shared machine is spread over all of
 * them, and ratios are taken within a round. Last, the CPU time of the map and of the bare handshake (this
 * process and xrdp together), which another job's load on the machine does not change. Prints medians; asserts
 * nothing.
 */

const missing = missingTools();
if (missing.length > 0) {
  console.error(`bench:probe not run: ${missing.join(', ')} missing.`);
  process.exit(1);
}
const rounds = Math.max(20, Number(process.argv[2] ?? 20));
const LOOPBACK = '127.0.0.1';

function bareHandshake(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    socket.once('error', reject);
    socket.connect(port, LOOPBACK, () => {
      socket.write(connectionRequest(['tls', 'credssp', 'credssp-early']));
      socket.once('data', () => {
        const tls = tlsConnect({ socket, rejectUnauthorized: false });
        tls.once('secureConnect', () => {
          tls.destroy();
          resolve();
        });
        tls.once('error', reject);
      });
    });
  });
}

async function timed(run: () => Promise<unknown> | unknown): Promise<number> {
  const started = performance.now();
  await run();
  return performance.now() - started;
}

function xfreerdp(port: number, display: number): void {
  execFileSync(
    TOOLS.xfreerdp,
    [`/v:${LOOPBACK}:${port}`, '/u:bench', '/p:bench', '+auth-only', '/cert:ignore'],
    {
      env: { ...process.env, DISPLAY: `:${display}`, HOME: tmpdir() },
      stdio: 'ignore',
      timeout: 20_000,
    },
  );
}

/** CPU milliseconds a process has used (Linux /proc: user + system, in clock ticks of 10 ms). */
function processCpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/**
 * CPU per run, this process and the server together, over `n` runs: what the wall time costs when nothing
 * else wants the cores, which a shared machine's load does not change.
 */
async function cpuPerRun(serverPid: number, n: number, run: () => Promise<unknown>): Promise<number> {
  const server = processCpuMs(serverPid);
  const own = process.cpuUsage();
  for (let i = 0; i < n; i++) await run();
  const used = process.cpuUsage(own);
  return ((used.user + used.system) / 1000 + processCpuMs(serverPid) - server) / n;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const shuffled = <T>(xs: T[]) =>
  xs
    .map((x) => ({ x, k: Math.random() }))
    .sort((a, b) => a.k - b.k)
    .map(({ x }) => x);

/** Every measure of one round, in a shuffled order: name → milliseconds. */
async function round(port: number, display: number): Promise<Record<string, number>> {
  const target = { host: LOOPBACK, port };
  const description = loadMachineFile(
    join(import.meta.dirname, '..', '..', 'sample-machines', 'healthy.json'),
  );
  const machine = withRealNetwork(new SimulatedMachine(description));
  const dataDir = mkdtempSync(join(tmpdir(), 'rdp-repair-bench-'));
  const withProbe = new RepairEngine({ machine, network: realNetwork, dataDir, preview: powershellPreview });
  const batchOnly = new RepairEngine({ machine, dataDir, preview: powershellPreview });
  const measures: Record<string, () => Promise<unknown> | unknown> = {
    handshake: async () => {
      const probe = await probeHandshake(target, { deadlineMs: 5000, serverMap: false });
      if (probe.outcome.kind !== 'selected')
        throw new Error(`the probe did not complete: ${probe.outcome.kind}`);
    },
    map: async () => {
      const map = await askServerMap(LOOPBACK, target, new Deadline(5000));
      if (map.serverAcceptsUnknown.protocols.length > 0) throw new Error('the map left a question unknown');
    },
    probe: () => probeHandshake(target, { deadlineMs: 5000 }),
    bare: () => bareHandshake(port),
    client: () => xfreerdp(port, display),
    scanWithProbe: () => withProbe.scan(`${LOOPBACK}:${port}`),
    scanBatchOnly: () => batchOnly.scan(`${LOOPBACK}:${port}`),
  };
  const figures: Record<string, number> = {};
  for (const [name, run] of shuffled(Object.entries(measures))) figures[name] = await timed(run);
  return figures;
}

function report(all: Record<string, number>[]): void {
  const m = (name: string) => median(all.map((r) => r[name] ?? 0));
  // Each round's own ratio, then the median: a busy moment on a shared machine slows both sides of a round.
  const r = (a: string, b: string) => `${median(all.map((x) => (x[a] ?? 0) / (x[b] ?? 1))).toFixed(2)}x`;
  const ms = (x: number) => `${x.toFixed(1)} ms`;
  const [handshake, map, probe, bare] = [m('handshake'), m('map'), m('probe'), m('bare')];
  const lines = [
    `Handshake probe against xrdp 0.9 (TLS) on loopback, ${all.length} rounds, medians:`,
    `  the handshake alone                 ${ms(handshake)}`,
    `  bare TCP + X.224 + TLS handshake    ${ms(bare)}   handshake/bare ${r('handshake', 'bare')} (target <= 1.5x)`,
    `  the server's map alone              ${ms(map)}   map/bare ${r('map', 'bare')} (target <= 3x)`,
    `  the probe: handshake + map beside   ${ms(probe)}   probe/bare ${r('probe', 'bare')}; the map adds ${ms(probe - handshake)} to the handshake alone`,
    `  xfreerdp +auth-only                 ${ms(m('client'))}   probe/xfreerdp ${r('probe', 'client')}`,
    `  scan with the probe beside it       ${ms(m('scanWithProbe'))}`,
    `  scan batch alone                    ${ms(m('scanBatchOnly'))}`,
    `  added beyond the longer of batch and probe  ${ms(median(all.map((x) => (x.scanWithProbe ?? 0) - Math.max(x.scanBatchOnly ?? 0, x.probe ?? 0))))} (each round's own)`,
  ];
  for (const line of lines) console.log(line);
}

/** CPU of the bare handshake, the handshake alone, the probe (handshake + map) and the map alone, per run. */
async function cpuReport(pid: number, port: number): Promise<void> {
  const target = { host: LOOPBACK, port };
  const runs = 100;
  const bare = await cpuPerRun(pid, runs, () => bareHandshake(port));
  const handshake = await cpuPerRun(pid, runs, () =>
    probeHandshake(target, { deadlineMs: 5000, serverMap: false }),
  );
  const probe = await cpuPerRun(pid, runs, () => probeHandshake(target, { deadlineMs: 5000 }));
  const map = await cpuPerRun(pid, runs, () => askServerMap(LOOPBACK, target, new Deadline(5000)));
  const x = (a: number) => `${(a / bare).toFixed(2)}x`;
  console.log(
    `CPU per run (this process + xrdp), ${runs} runs each, which other jobs on the machine do not change:`,
  );
  console.log(
    `  bare ${bare.toFixed(1)} ms; the handshake alone ${handshake.toFixed(1)} ms; the probe ${probe.toFixed(1)} ms`,
  );
  console.log(
    `  the map beside the handshake adds ${(probe - handshake).toFixed(1)} ms: ${x(probe - handshake)} bare (target <= 3x)`,
  );
  console.log(`  the map alone ${map.toFixed(1)} ms: ${x(map)} bare`);
}

const display = await xDisplay();
const server = await startXrdp('tls', makeCertificate('bench.test', 'valid'));
try {
  const all: Record<string, number>[] = [];
  for (let i = 0; i < rounds; i++) all.push(await round(server.port, display));
  report(all);
  if (server.pid !== undefined) await cpuReport(server.pid, server.port);
} finally {
  await server.stop();
  await stopDisplay();
  cleanUpServers();
}
