import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadMachineFile, machinesEqual } from '../../machine/simulated/machine-file.js';
import { SELF_KILL } from '../support/self-kill.js';
import { cli, cliWatched, REPO, spawnCli, workspace } from './cli-harness.js';

function args(w: { machineFile: string; dataDir: string }, ...rest: string[]): string[] {
  return [...rest, '--simulate', w.machineFile, '--data-dir', w.dataDir];
}

describe('rdp-repair (in process)', () => {
  it('scan on a machine with UDP on exits 1 and reports udp-transport as a problem, in one round trip', async () => {
    const w = workspace('udp-enabled.json');
    const run = await cli(...args(w, 'scan', '--host', 'server01', '--json'));
    expect(run.code).toBe(1);
    const json = JSON.parse(run.stdout) as {
      repairs: Record<string, { status: string }>;
      changes: { powershellPreview: string }[];
      stats: object;
    };
    expect(json.repairs['udp-transport']?.status).toBe('problem');
    // The command line hands its world's PowerShell preview to the engine.
    expect(json.changes[0]?.powershellPreview).toMatch(/Set-ItemProperty .*fClientDisableUDP/);
    expect(json.stats).toEqual({ opsExecuted: expect.any(Number), roundTrips: 1 });
  });

  it('scan says what it is doing on an interactive terminal, and nothing of it to a pipe or with --json', async () => {
    const w = workspace('host-unreachable.json');
    const watched = await cliWatched(true, ...args(w, 'scan', '--host', 'server01.contoso.com'));
    expect(watched.progress[0]).toBe('Checking this PC and server01.contoso.com…');
    expect(watched.progress.at(-1)).toBe('');
    expect([...watched.progress.slice(1, -1)].sort()).toEqual([
      "  Read this PC's Remote Desktop settings",
      '  Talked to server01.contoso.com',
    ]);
    expect(watched.stdout).not.toContain('Checking this PC and');
    expect(
      (await cliWatched(true, ...args(w, 'scan', '--host', 'server01.contoso.com', '--json'))).progress,
    ).toEqual([]);
    expect((await cliWatched(false, ...args(w, 'scan', '--host', 'server01.contoso.com'))).progress).toEqual(
      [],
    );
  });

  it('scan on a healthy machine exits 0', async () => {
    const w = workspace('healthy.json');
    expect((await cli(...args(w, 'scan', '--host', 'server01'))).code).toBe(0);
  });

  it('fix, then scan exits 0; undo gives back a machine file equal to the original', async () => {
    const w = workspace('udp-enabled.json');
    const fix = await cli(...args(w, 'fix', '--host', 'server01', '--json'));
    expect(fix.code).toBe(0);
    const fixJson = JSON.parse(fix.stdout) as {
      outcome: string;
      repairs: Record<string, { status: string }>;
    };
    expect(fixJson.outcome).toBe('done');
    expect(fixJson.repairs['udp-transport']?.status).toBe('ok');
    const scan = await cli(...args(w, 'scan', '--host', 'server01', '--json'));
    expect(scan.code).toBe(0);
    expect(JSON.parse(scan.stdout).stats.roundTrips).toBe(1);
    const undo = await cli(...args(w, 'undo'));
    expect(undo.code).toBe(0);
    expect(machinesEqual(loadMachineFile(w.machineFile), loadMachineFile(w.sampleFile))).toBe(true);
  });

  it('fix --dry-run prints the plan and changes nothing', async () => {
    const w = workspace('udp-enabled.json');
    const before = readFileSync(w.machineFile, 'utf8');
    const run = await cli(...args(w, 'fix', '--host', 'server01', '--dry-run'));
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/udp-transport:disable-udp/);
    expect(readFileSync(w.machineFile, 'utf8')).toBe(before);
  });

  it('a bad host exits 2 with one sentence on stderr and changes nothing', async () => {
    const w = workspace('udp-enabled.json');
    const before = readFileSync(w.machineFile, 'utf8');
    const run = await cli(...args(w, 'fix', '--host', 'server01$(calc)'));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(readFileSync(w.machineFile, 'utf8')).toBe(before);
  });

  it('a malformed machine file exits 2 with a sentence naming the file and the bad field', async () => {
    const w = workspace('udp-enabled.json');
    const json = JSON.parse(readFileSync(w.machineFile, 'utf8'));
    json.os.build = 'eleven';
    writeFileSync(w.machineFile, JSON.stringify(json));
    const run = await cli(...args(w, 'scan', '--host', 'server01'));
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(w.machineFile);
    expect(run.stderr).toContain('os.build');
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('unknown options, commands and repair ids exit 2 with one sentence', async () => {
    for (const argv of [
      ['scan', '--hots', 'x'],
      ['frobnicate'],
      ['scan', '--host', 'a', '--only', 'nope'],
      ['scan'],
    ]) {
      const run = await cli(...argv);
      expect(run.code).toBe(2);
      expect(run.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('without --simulate on a machine that is not Windows, says to use --simulate', async () => {
    if (process.platform === 'win32') return;
    const run = await cli('scan', '--host', 'server01');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/--simulate/);
  });

  it('a second fix while another holds the lock gets a busy message', async () => {
    const w = workspace('udp-enabled.json');
    const { acquireApplyLock } = await import('../../engine/apply-lock.js');
    // The lock is the machine's, beside its file, not the data folder's.
    const lock = await acquireApplyLock(`${w.machineFile}.lock`);
    const run = await cli(...args(w, 'fix', '--host', 'server01'));
    // Another data folder, the same machine: still busy, so neither run can overwrite the other's changes.
    const other = await cli(
      'fix',
      '--host',
      'server01',
      '--simulate',
      w.machineFile,
      '--data-dir',
      `${w.dataDir}-2`,
    );
    lock.release();
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Another RDP Repair run/);
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/Another RDP Repair run/);
  });

  it('report writes Markdown, redacted on request', async () => {
    const w = workspace('udp-enabled.json');
    const out = join(w.dataDir, '..', 'report.md');
    const run = await cli(...args(w, 'report', '--host', 'server01.contoso.com', '--redact', '--out', out));
    expect(run.code).toBe(0);
    const markdown = readFileSync(out, 'utf8');
    expect(markdown).toMatch(/^# /);
    expect(markdown).not.toMatch(/server01\.contoso\.com/);
  });
});

describe('rdp-repair (spawned)', () => {
  it('fix then scan from a real process', () => {
    const w = workspace('udp-enabled.json');
    expect(spawnCli(args(w, 'fix', '--host', 'server01')).code).toBe(0);
    const scan = spawnCli(args(w, 'scan', '--host', 'server01', '--json'));
    expect(scan.code).toBe(0);
    expect(JSON.parse(scan.stdout).repairs['udp-transport'].status).toBe('ok');
  });

  // With --restore-point the writes are: 1 restore point, 2 the UDP value.
  for (const position of [1, 2]) {
    it(`killed right after write ${position}, then recover: the machine equals the original`, () => {
      const w = workspace('udp-enabled.json');
      const killed = spawnCli(args(w, 'fix', '--host', 'server01', '--restore-point'), {
        RDP_REPAIR_SIM_KILL_AFTER_WRITE: String(position),
      });
      // Linux: SIGKILL; Windows: exit status 1, no signal (test/support/self-kill.ts).
      expect({ signal: killed.signal, status: killed.status }).toEqual(SELF_KILL);
      const blocked = spawnCli(args(w, 'fix', '--host', 'server01'));
      expect(blocked.code).toBe(2);
      expect(blocked.stderr).toMatch(/did not finish|rdp-repair recover/);
      const recover = spawnCli(args(w, 'recover', '--json'));
      expect(recover.code).toBe(0);
      expect(JSON.parse(recover.stdout).runs).toHaveLength(1);
      expect(machinesEqual(loadMachineFile(w.machineFile), loadMachineFile(w.sampleFile))).toBe(true);
    });
  }
});

describe('rdp-repair on a shipped sample', () => {
  it('works on a copy in the data folder, says so, and never changes the sample (the README examples)', async () => {
    const sample = join(REPO, 'sample-machines', 'udp-enabled.json');
    const before = readFileSync(sample, 'utf8');
    const dataDir = mkdtempSync(join(tmpdir(), 'rdp-repair-sample-'));
    const fixed = await cli(
      'fix',
      '--host',
      'server01.contoso.com',
      '--simulate',
      sample,
      '--data-dir',
      dataDir,
    );
    expect(fixed.code).toBe(0);
    expect(fixed.stderr).toMatch(
      /Working on a copy of the sample udp-enabled\.json in .*simulated.*the shipped sample stays as it is/,
    );
    expect(readFileSync(sample, 'utf8')).toBe(before);
    const copy = loadMachineFile(join(dataDir, 'simulated', 'udp-enabled.json'));
    expect(
      copy.registry['HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client']
        ?.fClientDisableUDP,
    ).toEqual({ type: 'REG_DWORD', data: 1 });
    // The next command sees the same copy: undo restores it.
    expect((await cli('undo', '--simulate', sample, '--data-dir', dataDir)).code).toBe(0);
    expect(readFileSync(sample, 'utf8')).toBe(before);
  });
});

describe('rdp-repair with hostile machine text', () => {
  it('shows a VPN name with terminal escapes and U+202E as visible escapes, in text and in JSON', async () => {
    const w = workspace('tunnel-closes.json');
    const machine = JSON.parse(readFileSync(w.machineFile, 'utf8'));
    const hostile = '\u001b[2J\u001b[32m[OK] all checks passed\u202e';
    machine.network.adapters = machine.network.adapters.map((a: { name: string }) =>
      a.name === 'NordLynx' ? { ...a, name: hostile } : a,
    );
    writeFileSync(w.machineFile, JSON.stringify(machine));
    const text = await cli(
      'scan',
      '--host',
      'server01.contoso.com',
      '--simulate',
      w.machineFile,
      '--data-dir',
      w.dataDir,
    );
    expect(text.stdout.includes('\u001b') || text.stdout.includes('\u202e')).toBe(false);
    expect(text.stdout).toContain('\\u{001B}[2J\\u{001B}[32m[OK] all checks passed\\u{202E}');
    const json = await cli(
      'scan',
      '--host',
      'server01.contoso.com',
      '--simulate',
      w.machineFile,
      '--data-dir',
      w.dataDir,
      '--json',
    );
    expect(json.stdout.includes('\u001b') || json.stdout.includes('\u202e')).toBe(false);
    const parsed = JSON.parse(json.stdout);
    expect(JSON.stringify(parsed.findings)).toContain('all checks passed');
  });
});
