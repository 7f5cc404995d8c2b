import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Op } from '../../shared/ops.js';
import { SELF_KILL } from '../../test/support/self-kill.js';
import { openFileBackedMachine } from './file-backed-machine.js';
import { loadMachineFile, MachineFileError, machinesEqual } from './machine-file.js';

const POLICY = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client';
const setUdp = (data: number): Op => ({
  op: 'registry.setValue',
  path: POLICY,
  name: 'fClientDisableUDP',
  value: { type: 'REG_DWORD', data },
});
const setMru = (data: string): Op => ({
  op: 'registry.setValue',
  path: 'HKCU\\Software\\Microsoft\\Terminal Server Client\\Default',
  name: 'MRU0',
  value: { type: 'REG_SZ', data },
});

function copyOfSample(name: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'rdp-repair-file-backed-')), name);
  copyFileSync(join('sample-machines', name), path);
  return path;
}

const udpIn = (path: string) => loadMachineFile(path).registry[POLICY]?.fClientDisableUDP;

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('openFileBackedMachine', () => {
  it('saves the machine to its file after every write op, and not after reads', async () => {
    const path = copyOfSample('udp-enabled.json');
    const machine = openFileBackedMachine(path);
    expect(machine.label).toBe(`Simulated machine: ${path}`);
    const seen: unknown[] = [];
    await machine.run([setUdp(1), setMru('server01')], {
      mode: 'write',
      elevated: true,
      onOpDone: (index) => {
        if (index === 0)
          seen.push(
            udpIn(path),
            loadMachineFile(path).registry['HKCU\\Software\\Microsoft\\Terminal Server Client\\Default'],
          );
      },
    });
    expect(seen).toEqual([{ type: 'REG_DWORD', data: 1 }, undefined]);
    expect(machinesEqual(loadMachineFile(path), machine.snapshot())).toBe(true);
  });

  it('leaves the file byte for byte alone when only reads run', async () => {
    const path = copyOfSample('healthy.json');
    const before = readFileSync(path);
    await openFileBackedMachine(path).run([{ op: 'system.facts' }], { mode: 'read' });
    expect(readFileSync(path).equals(before)).toBe(true);
  });

  it('throws MachineFileError for a malformed file', () => {
    const path = join(mkdtempSync(join(tmpdir(), 'rdp-repair-file-backed-')), 'bad.json');
    writeFileSync(path, JSON.stringify({ schemaVersion: 2 }));
    expect(() => openFileBackedMachine(path)).toThrow(MachineFileError);
  });

  it('reads killAfterWrite from RDP_REPAIR_SIM_KILL_AFTER_WRITE; the write is saved before the kill', async () => {
    vi.stubEnv('RDP_REPAIR_SIM_KILL_AFTER_WRITE', '1');
    const path = copyOfSample('udp-enabled.json');
    const killedWith: unknown[] = [];
    const machine = openFileBackedMachine(path, {
      faults: {
        onKill: () => {
          killedWith.push(udpIn(path));
        },
      },
    });
    await machine.run([setUdp(1), setUdp(0)], { mode: 'write', elevated: true });
    expect(killedWith).toEqual([{ type: 'REG_DWORD', data: 1 }]);
  });

  it('refuses a kill count that is not a positive whole number', () => {
    vi.stubEnv('RDP_REPAIR_SIM_KILL_AFTER_WRITE', 'two');
    expect(() => openFileBackedMachine(copyOfSample('healthy.json'))).toThrow(
      /positive whole number, not "two"/,
    );
  });

  it('really kills the process after the Nth write, with the writes up to it saved', () => {
    const path = copyOfSample('udp-enabled.json');
    const script = `
      import { openFileBackedMachine } from ${JSON.stringify(new URL('./file-backed-machine.ts', import.meta.url).href)};
      const machine = openFileBackedMachine(process.argv[1]);
      await machine.run(${JSON.stringify([setMru('first')])}, { mode: 'write' });
      await machine.run(${JSON.stringify([setUdp(1), setUdp(0)])}, { mode: 'write', elevated: true });
    `;
    const child = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--input-type=module', '-e', script, path],
      {
        env: { ...process.env, RDP_REPAIR_SIM_KILL_AFTER_WRITE: '2' },
        encoding: 'utf8',
      },
    );
    expect(child.stderr).not.toMatch(/Error/);
    // Linux: SIGKILL; Windows: exit status 1, no signal (test/support/self-kill.ts).
    expect({ signal: child.signal, status: child.status }).toEqual(SELF_KILL);
    const after = loadMachineFile(path);
    expect(after.registry[POLICY]?.fClientDisableUDP).toEqual({ type: 'REG_DWORD', data: 1 });
    expect(after.registry['HKCU\\Software\\Microsoft\\Terminal Server Client\\Default']?.MRU0).toEqual({
      type: 'REG_SZ',
      data: 'first',
    });
  });
});
