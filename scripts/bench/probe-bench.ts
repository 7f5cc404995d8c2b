import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tlsConnect } from 'node:tls';
import { RepairEngine } from '../../engine/engine.js';
import { withRealNetwork } from '../../engine/real-network-machine.js';
import { loadMachineFile } from '../../machine/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import { probeHandshake, realNetwork } from '../../network/handshake-probe.js';
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
 *   - against the least the same handshake can cost: TCP connect, the 19-byte X.224 request, one read, TLS
 *     (target: the probe at most 1.5x that);
 *   - against a real client, xfreerdp +auth-only, to the same server;
 *   - the scan end to end with the probe beside the machine batch, against each alone (it should add nothing
 *     beyond the longer of the two).
 * Prints medians; asserts nothing.
 */

const missing = missingTools();
if (missing.length > 0) {
  console.error(`bench:probe not run: ${missing.join(', ')} missing.`);
  process.exit(1);
}
const rounds = Math.max(20, Number(process.argv[2] ?? 20));

function bareHandshake(port: number): Promise<number> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const socket = new Socket();
    socket.once('error', reject);
    socket.connect(port, '127.0.0.1', () => {
      socket.write(connectionRequest(['tls', 'credssp', 'credssp-early']));
      socket.once('data', () => {
        const tls = tlsConnect({ socket, rejectUnauthorized: false });
        tls.once('secureConnect', () => {
          tls.destroy();
          resolve(performance.now() - started);
        });
        tls.once('error', reject);
      });
    });
  });
}

function xfreerdp(port: number, display: number): number {
  const started = performance.now();
  execFileSync(
    TOOLS.xfreerdp,
    [`/v:127.0.0.1:${port}`, '/u:bench', '/p:bench', '+auth-only', '/cert:ignore'],
    {
      env: { ...process.env, DISPLAY: `:${display}`, HOME: tmpdir() },
      stdio: 'ignore',
      timeout: 20_000,
    },
  );
  return performance.now() - started;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

const display = await xDisplay();
const server = await startXrdp('tls', makeCertificate('bench.test', 'valid'));
try {
  const figures = { probe: [] as number[], bare: [] as number[], client: [] as number[] };
  for (let i = 0; i < rounds; i++) {
    const started = performance.now();
    const probe = await probeHandshake({ host: '127.0.0.1', port: server.port }, { deadlineMs: 5000 });
    if (probe.outcome.kind !== 'selected')
      throw new Error(`the probe did not complete: ${probe.outcome.kind}`);
    figures.probe.push(performance.now() - started);
    figures.bare.push(await bareHandshake(server.port));
    figures.client.push(xfreerdp(server.port, display));
  }

  // The scan end to end: a simulated client, its network ops and the probe on the real network.
  const description = loadMachineFile(join(import.meta.dirname, '..', '..', 'machines', 'healthy.json'));
  const host = `127.0.0.1:${server.port}`;
  const scans = { withProbe: [] as number[], batchOnly: [] as number[], probeOnly: [] as number[] };
  for (let i = 0; i < rounds; i++) {
    const machine = withRealNetwork(new SimulatedMachine(description));
    const dataDir = mkdtempSync(join(tmpdir(), 'rdp-repair-bench-'));
    const withProbe = new RepairEngine({ machine, network: realNetwork, dataDir });
    const batchOnly = new RepairEngine({ machine, dataDir });
    let t = performance.now();
    await withProbe.scan(host);
    scans.withProbe.push(performance.now() - t);
    t = performance.now();
    await batchOnly.scan(host);
    scans.batchOnly.push(performance.now() - t);
    t = performance.now();
    await probeHandshake({ host: '127.0.0.1', port: server.port }, { deadlineMs: 5000 });
    scans.probeOnly.push(performance.now() - t);
  }

  const ms = (x: number) => `${x.toFixed(1)} ms`;
  console.log(`Handshake probe against xrdp 0.9 (TLS) on loopback, ${rounds} rounds, medians:`);
  console.log(`  probe                               ${ms(median(figures.probe))}`);
  console.log(
    `  bare TCP + X.224 + TLS handshake    ${ms(median(figures.bare))}   probe/bare ${(median(figures.probe) / median(figures.bare)).toFixed(2)}x (target <= 1.5x)`,
  );
  console.log(
    `  xfreerdp +auth-only                 ${ms(median(figures.client))}   probe/xfreerdp ${(median(figures.probe) / median(figures.client)).toFixed(3)}x`,
  );
  console.log(`  scan with the probe beside it       ${ms(median(scans.withProbe))}`);
  console.log(`  scan batch alone                    ${ms(median(scans.batchOnly))}`);
  console.log(`  probe alone                         ${ms(median(scans.probeOnly))}`);
  const longer = Math.max(median(scans.batchOnly), median(scans.probeOnly));
  console.log(`  added beyond the longer of the two  ${ms(median(scans.withProbe) - longer)}`);
} finally {
  await server.stop();
  await stopDisplay();
  cleanUpServers();
}
