import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Op } from '../../shared/ops.js';
import { parseInterpreterOutput } from './interpreter-output.js';
import { INTERPRETER_MODULE_FILE } from './module-hashes.js';
import { FakeSession, machineWith, UDP_POLICY } from './powershell-machine.test-support.js';

const here = dirname(fileURLToPath(import.meta.url));
const recorded = (name: string) => readFileSync(join(here, 'fixtures', 'recorded', name), 'utf8');

const READ_OPS: Op[] = [
  {
    op: 'registry.readValue',
    path: 'HKCU\\Software\\Microsoft\\Terminal Server Client\\Servers\\pc',
    name: 'UsernameHint',
  },
  { op: 'credential.list', targetPrefix: 'TERMSRV/' },
  { op: 'file.read', folder: 'documents', name: 'Default.rdp' },
  { op: 'service.status', name: 'TermService' },
  {
    op: 'events.query',
    channel: 'Microsoft-Windows-TerminalServices-RDPClient/Operational',
    since: '2024-05-01T00:00:00Z',
    max: 50,
  },
];

const HOSTILE_HOST = "pc'; Remove-Item -Recurse C:\\; $(calc)";

function decodeBatch(command: string): { ops: Op[]; mode: string; elevated: boolean } {
  const match = /^Invoke-RdpRepairBatch -EncodedBatch '([A-Za-z0-9+/]*={0,2})'$/.exec(command);
  if (!match) throw new Error(`unexpected command: ${command}`);
  return JSON.parse(Buffer.from(match[1]!, 'base64').toString('utf8'));
}

let workDir: string;
beforeEach(() => {
  workDir = mkdtempSync(join(tmpdir(), 'ps-machine-test-'));
});
afterEach(() => {
  rmSync(workDir, { recursive: true, force: true });
});

describe('parseInterpreterOutput (recorded outputs, hand-written)', () => {
  it('reads a 5.1 document with a BOM, CRLF and \\u escapes, keeping a single-item array an array', () => {
    const results = parseInterpreterOutput(recorded('read-batch.ps51-ascii.txt'), READ_OPS);
    expect(results[0]).toEqual({
      ok: true,
      value: { exists: true, value: { type: 'REG_SZ', data: "CONTOSO\\jörg 'admin'" } },
    });
    expect(results[1]).toEqual({
      ok: true,
      value: [{ target: 'TERMSRV/pc.contoso.com', type: 'DomainPassword', user: 'CONTOSO\\jörg' }],
    });
    expect(results[2]).toEqual({ ok: true, value: { exists: false } });
    expect(results[4]?.ok && Array.isArray(results[4].value) && results[4].value.length).toBe(1);
  });

  it('reads the same document printed as raw UTF-8 identically', () => {
    expect(parseInterpreterOutput(recorded('read-batch.pwsh7-utf8.txt'), READ_OPS)).toEqual(
      parseInterpreterOutput(recorded('read-batch.ps51-ascii.txt'), READ_OPS),
    );
  });

  it('passes typed error entries through', () => {
    const ops: Op[] = [UDP_POLICY, UDP_POLICY, { op: 'policy.refresh' }];
    const results = parseInterpreterOutput(recorded('write-stopped.txt'), ops);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['ok', 'access-denied', 'skipped']);
  });

  it('turns a batch-level error into "nothing was run" for every op (never "may have run")', () => {
    const results = parseInterpreterOutput(recorded('batch-error.txt'), READ_OPS);
    expect(results).toHaveLength(READ_OPS.length);
    for (const result of results) {
      expect(result).toEqual({
        ok: false,
        error: { code: 'skipped', message: 'Nothing was run: The batch JSON repeats a key.' },
      });
    }
  });

  it('keeps the error code when the elevated launcher says the batch had started', () => {
    const raw = '{"protocol":1,"error":{"code":"failed","message":"out of memory"},"started":true}';
    expect(parseInterpreterOutput(raw, READ_OPS)[0]).toEqual({
      ok: false,
      error: { code: 'failed', message: 'out of memory' },
    });
  });

  it('fails every op with a clear message on CLIXML garbage', () => {
    const results = parseInterpreterOutput(recorded('clixml-garbage.txt'), READ_OPS);
    for (const result of results) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toMatch(/not JSON.*CLIXML/);
    }
  });

  it('fails every op when the result count does not match', () => {
    const results = parseInterpreterOutput(recorded('count-mismatch.txt'), READ_OPS);
    expect(results).toHaveLength(READ_OPS.length);
    for (const result of results) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toContain('1 results for 5 ops');
    }
  });

  it('fails only the ops whose value has the wrong shape', () => {
    const results = parseInterpreterOutput(recorded('wrong-shape.txt'), READ_OPS.slice(0, 2));
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(['failed', 'failed']);
    if (!results[1]!.ok) expect(results[1]!.error.message).toContain('credential.list');
  });

  it('finds the document after a warning line', () => {
    const results = parseInterpreterOutput(recorded('profile-noise.txt'), [READ_OPS[2]!]);
    expect(results).toEqual([{ ok: true, value: { exists: false } }]);
  });

  it('never throws on empty output', () => {
    expect(parseInterpreterOutput('', [READ_OPS[0]!])[0]?.ok).toBe(false);
  });
});

describe('PowerShell machine: unelevated session', () => {
  it('sends only Invoke-RdpRepairBatch with the batch as base64, never the raw data', async () => {
    const session = new FakeSession([recorded('count-mismatch.txt')]);
    const { machine } = machineWith([session]);
    const ops: Op[] = [{ op: 'net.probeTcp', host: 'pc.contoso.com', port: 3389, timeoutMs: 2000 }];
    await machine.run(ops, { mode: 'read' });
    const batchCommands = session.commands.filter((c) => c.startsWith('Invoke-RdpRepairBatch'));
    expect(batchCommands).toHaveLength(1);
    expect(decodeBatch(batchCommands[0]!)).toEqual({ ops, mode: 'read', elevated: false });
  });

  it('keeps hostile text out of every command', async () => {
    const session = new FakeSession([recorded('count-mismatch.txt')]);
    const { machine } = machineWith([session]);
    const ops: Op[] = [
      { op: 'system.restorePoint', description: HOSTILE_HOST },
      {
        op: 'registry.setValue',
        path: 'HKCU\\Software\\X',
        name: HOSTILE_HOST,
        value: { type: 'REG_SZ', data: '$(calc)' },
      },
    ];
    await machine.run(ops, { mode: 'write' });
    for (const command of session.commands) {
      expect(command).not.toContain('Remove-Item');
      expect(command).not.toContain('$(calc)');
    }
    expect(decodeBatch(session.commands.at(-1)!).ops).toEqual(ops);
  });

  it('loads the module once and reuses the session', async () => {
    const session = new FakeSession([recorded('profile-noise.txt'), recorded('profile-noise.txt')]);
    const { machine, created } = machineWith([session]);
    await machine.run([READ_OPS[2]!], { mode: 'read' });
    const second = await machine.run([READ_OPS[2]!], { mode: 'read' });
    expect(second).toEqual([{ ok: true, value: { exists: false } }]);
    expect(created).toHaveLength(1);
    expect(session.commands.filter((c) => c.includes('New-Module'))).toHaveLength(1);
    expect(session.commands.some((c) => c.includes('Import-Module'))).toBe(false);
  });

  it('reports progress for every op', async () => {
    const { machine } = machineWith([new FakeSession([recorded('write-stopped.txt')])]);
    const seen: number[] = [];
    await machine.run([UDP_POLICY, UDP_POLICY, { op: 'policy.refresh' }], {
      mode: 'write',
      onOpDone: (index) => seen.push(index),
    });
    expect(seen).toEqual([0, 1, 2]);
  });

  it('says it is starting PowerShell before the first batch only, and when each batch goes to it', async () => {
    const session = new FakeSession([recorded('profile-noise.txt'), recorded('profile-noise.txt')]);
    const { machine } = machineWith([session]);
    const stages: string[] = [];
    const onStage = (stage: string) => stages.push(`${stage} after ${session.commands.length} commands`);
    await machine.run([READ_OPS[2]!], { mode: 'read', onStage });
    expect(stages).toEqual(['starting after 0 commands', 'running after 1 commands']);
    stages.length = 0;
    await machine.run([READ_OPS[2]!], { mode: 'read', onStage });
    expect(stages).toEqual(['running after 2 commands']);
  });

  it('never says running when PowerShell could not load the interpreter', async () => {
    const { machine } = machineWith([], { moduleSha256: '0'.repeat(64) });
    const stages: string[] = [];
    const results = await machine.run([READ_OPS[2]!], { mode: 'read', onStage: (s) => stages.push(s) });
    expect(results[0]).toMatchObject({ ok: false, error: { code: 'skipped' } });
    expect(stages).toEqual(['starting']);
  });

  it('disposes a session that timed out and starts a fresh one for the next batch', async () => {
    const hung = new FakeSession(['hang']);
    const fresh = new FakeSession([recorded('profile-noise.txt')]);
    const { machine, created } = machineWith([hung, fresh]);
    const first = await machine.run([READ_OPS[2]!], { mode: 'read' });
    expect(first[0]).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(hung.disposed).toBe(true);
    const second = await machine.run([READ_OPS[2]!], { mode: 'read' });
    expect(second).toEqual([{ ok: true, value: { exists: false } }]);
    expect(created).toEqual([hung, fresh]);
  });

  it('marks a write batch whose session hung as failed (state unknown), so the caller rolls back', async () => {
    const { machine } = machineWith([new FakeSession(['hang'])]);
    const results = await machine.run([UDP_POLICY, UDP_POLICY], { mode: 'write' });
    for (const result of results) {
      expect(result).toMatchObject({ ok: false, error: { code: 'failed' } });
      if (!result.ok) expect(result.error.message).toMatch(/did not answer.*restarted/);
    }
  });

  it('recreates a session that died mid-batch on the next call', async () => {
    const dying = new FakeSession([new Error('process exited with code -1')]);
    const fresh = new FakeSession([recorded('profile-noise.txt')]);
    const { machine, created } = machineWith([dying, fresh]);
    const first = await machine.run([UDP_POLICY], { mode: 'write' });
    expect(first[0]).toMatchObject({ ok: false, error: { code: 'failed' } });
    if (!first[0]!.ok) expect(first[0]!.error.message).toContain('ended unexpectedly');
    expect(await machine.run([READ_OPS[2]!], { mode: 'read' })).toEqual([
      { ok: true, value: { exists: false } },
    ]);
    expect(created).toHaveLength(2);
  });

  it('cancels when the signal aborts while PowerShell runs, and recycles the session', async () => {
    const hung = new FakeSession(['hang']);
    const { machine } = machineWith([hung], { timeoutMs: 60_000 });
    const controller = new AbortController();
    hung.onBatch = () => controller.abort();
    const results = await machine.run(READ_OPS, { mode: 'read', signal: controller.signal });
    expect(results.every((r) => !r.ok && r.error.code === 'cancelled')).toBe(true);
    expect(hung.disposed).toBe(true);
  });

  it('cancels everything without touching PowerShell when already aborted', async () => {
    const { machine, created } = machineWith([]);
    const controller = new AbortController();
    controller.abort();
    const results = await machine.run(READ_OPS, { mode: 'read', signal: controller.signal });
    expect(results.every((r) => !r.ok && r.error.code === 'cancelled')).toBe(true);
    expect(created).toHaveLength(0);
  });

  it('refuses to load a module whose SHA-256 does not match the shipped hash', async () => {
    const tampered = join(workDir, INTERPRETER_MODULE_FILE);
    writeFileSync(
      tampered,
      `${readFileSync(join(here, INTERPRETER_MODULE_FILE), 'utf8')}\nStart-Process calc\n`,
    );
    const { machine, created } = machineWith([], { modulePath: tampered });
    const results = await machine.run(READ_OPS, { mode: 'read' });
    expect(created).toHaveLength(0);
    for (const result of results) {
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).toContain('does not match');
    }
  });
});
