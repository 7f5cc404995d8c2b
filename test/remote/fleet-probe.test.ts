import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { probeFleet } from '../../hosts/cli/fleet-probe.js';
import { readHostsFile } from '../../hosts/cli/hosts-file.js';
import { runProbeCommand } from '../../hosts/cli/probe-command.js';
import type { NetworkPort } from '../../network/port.js';
import type { HandshakeProbe } from '../../shared/handshake.js';

function probeOf(host: string, port: number, outcome: HandshakeProbe['outcome']): HandshakeProbe {
  return {
    host,
    port,
    deadlineMs: 5000,
    elapsedMs: 1,
    probedAt: new Date().toISOString(),
    addresses: ['127.0.0.1'],
    outcome,
    simulated: false,
  };
}

/** A network whose answers take `delayMs` and which counts how many probes run at once. */
function countingNetwork(delayMs: number): NetworkPort & { most: number } {
  let now = 0;
  const network = {
    kind: 'real' as const,
    most: 0,
    async probeHandshake(target: { host: string; port: number }) {
      now += 1;
      network.most = Math.max(network.most, now);
      await new Promise((done) => setTimeout(done, delayMs));
      now -= 1;
      return target.host.startsWith('down')
        ? probeOf(target.host, target.port, { kind: 'refused' })
        : probeOf(target.host, target.port, { kind: 'selected', protocol: 'credssp', legacy: false });
    },
  };
  return network;
}

function hostsFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'rdp-repair-fleet-')), 'hosts.txt');
  writeFileSync(file, text);
  return file;
}

describe('probe --hosts-file', () => {
  it('reads one computer a line, with comments, blanks and ports; refuses a bad line by its number', () => {
    expect(readHostsFile(hostsFile('# servers\nserver01\n\n  server02:3390  \n10.0.0.5 # lab\n'))).toEqual({
      ok: true,
      targets: [
        { host: 'server01', port: 3389 },
        { host: 'server02', port: 3390 },
        { host: '10.0.0.5', port: 3389 },
      ],
    });
    expect(readHostsFile(hostsFile('server01\nbad host name\n'))).toMatchObject({
      ok: false,
      message: expect.stringMatching(/^Line 2 of .*hosts\.txt: /),
    });
    expect(readHostsFile(hostsFile('# nothing\n'))).toMatchObject({ ok: false });
  });

  it('never runs more probes at once than the concurrency, and answers one row per computer', async () => {
    const network = countingNetwork(20);
    const targets = Array.from({ length: 40 }, (_, i) => ({ host: `server${i}`, port: 3389 }));
    const rows = await probeFleet(targets, network, { concurrency: 7 });
    expect(network.most).toBe(7);
    expect(rows.map((r) => r.host)).toEqual(targets.map((t) => t.host));
  });

  it('prints the worst first, a JSON array of { host, port, verdict, handshake }, and exits 1 on any problem', async () => {
    const file = hostsFile('server01\ndown01\nserver02\n');
    let stdout = '';
    const progress: string[] = [];
    const io = {
      stdout: (t: string) => (stdout += `${t}\n`),
      stderr: () => undefined,
      progress: (t: string) => progress.push(t),
    };
    const code = await runProbeCommand(['--hosts-file', file], io, countingNetwork(1));
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines[1]).toMatch(/^down01:3389\s+remote computer\s/);
    expect(progress.at(-1)).toBe('Probed 3 of 3 computers.');

    stdout = '';
    expect(await runProbeCommand(['--hosts-file', file, '--json'], io, countingNetwork(1))).toBe(1);
    const json = JSON.parse(stdout) as {
      host: string;
      port: number;
      verdict: { side: string; summary: string };
    }[];
    expect(json.map((r) => [r.host, r.verdict.side])).toEqual([
      ['down01', 'remote-pc'],
      ['server01', 'none'],
      ['server02', 'none'],
    ]);
    expect(Object.keys(json[0] ?? {})).toEqual(['host', 'port', 'verdict', 'handshake']);
  });

  it('exits 0 when every computer answered normally, and 2 with one sentence on bad options', async () => {
    const io = { stdout: () => undefined, stderr: (t: string) => messages.push(t) };
    const messages: string[] = [];
    expect(await runProbeCommand(['--hosts-file', hostsFile('a\nb\n')], io, countingNetwork(1))).toBe(0);
    expect(
      await runProbeCommand(['--hosts-file', hostsFile('a\n'), '--concurrency', '0'], io, countingNetwork(1)),
    ).toBe(2);
    expect(await runProbeCommand([], io, countingNetwork(1))).toBe(2);
    expect(messages).toEqual([
      '--concurrency: give a whole number from 1 to 256.',
      'The probe command needs --hosts-file FILE: one computer a line.',
    ]);
  });
});
