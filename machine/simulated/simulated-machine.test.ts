import { describe, expect, it, vi } from 'vitest';
import type { MachineDescriptionInput } from '../../shared/machine-description.js';
import type { Op, OpResult } from '../../shared/ops.js';
import { machinesEqual } from './machine-file.js';
import { SimulatedMachine } from './simulated-machine.js';

const TSC = 'HKCU\\Software\\Microsoft\\Terminal Server Client';
const POLICY = 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client';

const BASE: MachineDescriptionInput = {
  schemaVersion: 1,
  os: {
    build: '10.0.22631',
    edition: 'Home',
    user: 'alice',
    documentsFolder: 'C:\\Users\\alice\\Documents\\',
  },
  registry: {
    'HKEY_CURRENT_USER\\Software\\Microsoft\\Terminal Server Client\\Default': {
      MRU0: { type: 'REG_SZ', data: 'server01' },
    },
  },
  files: {
    'c:\\users\\alice\\documents\\Default.rdp': {
      content: 'full address:s:server01\r\n',
      attributes: ['Hidden'],
    },
  },
};

const setMru = (data: string): Op => ({
  op: 'registry.setValue',
  path: `${TSC}\\Default`,
  name: 'MRU1',
  value: { type: 'REG_SZ', data },
});
const setPolicy: Op = {
  op: 'registry.setValue',
  path: POLICY,
  name: 'fClientDisableUDP',
  value: { type: 'REG_DWORD', data: 1 },
};

const codes = (results: OpResult[]) => results.map((r) => (r.ok ? 'ok' : r.error.code));

describe('SimulatedMachine run modes', () => {
  it('calls onOpDone once per op, in order, with the result returned', async () => {
    const machine = new SimulatedMachine(BASE);
    const seen: [number, OpResult][] = [];
    const results = await machine.run([setMru('a'), setPolicy, setMru('b')], {
      mode: 'write',
      onOpDone: (index, result) => seen.push([index, result]),
    });
    expect(codes(results)).toEqual(['ok', 'invalid-argument', 'skipped']);
    expect(seen).toEqual(results.map((r, i) => [i, r]));
  });

  it('gives every op `cancelled` when the signal is already aborted, and changes nothing', async () => {
    const machine = new SimulatedMachine(BASE);
    const before = machine.snapshot();
    const results = await machine.run([setMru('a')], { mode: 'write', signal: AbortSignal.abort() });
    expect(codes(results)).toEqual(['cancelled']);
    expect(machine.snapshot()).toEqual(before);
  });

  it('cancels the ops after the one during which the signal aborts', async () => {
    const machine = new SimulatedMachine(BASE);
    const controller = new AbortController();
    const results = await machine.run([setMru('a'), setMru('b'), setMru('c')], {
      mode: 'read',
      signal: controller.signal,
      onOpDone: (index) => {
        if (index === 0) controller.abort();
      },
    });
    expect(codes(results)).toEqual(['ok', 'cancelled', 'cancelled']);
  });

  it('asks no prompt of an administrator, yet refuses a machine-wide write outside the elevated batch', async () => {
    const machine = new SimulatedMachine({
      ...BASE,
      os: { ...BASE.os, elevated: true },
      simulation: { uacAnswer: 'no' },
    });
    expect(codes(await machine.run([setPolicy], { mode: 'write', elevated: true }))).toEqual(['ok']);
    expect(codes(await machine.run([setPolicy], { mode: 'write' }))).toEqual(['invalid-argument']);
  });

  it('records mstsc launches and created restore points', async () => {
    const machine = new SimulatedMachine(BASE);
    await machine.run([{ op: 'system.restorePoint', description: 'before' }], {
      mode: 'write',
      elevated: true,
    });
    await machine.run([{ op: 'app.launchMstsc', host: 'server01' }], { mode: 'write' });
    expect(machine.restorePoints).toEqual(['before']);
    expect(machine.launches).toEqual(['server01']);
  });

  it('does not let a caller change the machine through a returned value', async () => {
    const machine = new SimulatedMachine(BASE);
    const [first] = await machine.run([{ op: 'registry.readKey', path: TSC }], { mode: 'read' });
    const tree = (first as { value: { tree: { subkeys: Record<string, unknown> } } }).value.tree;
    tree.subkeys.Default = 'changed';
    const [second] = await machine.run([{ op: 'registry.readKey', path: TSC }], { mode: 'read' });
    expect(second).toEqual({
      ok: true,
      value: {
        exists: true,
        tree: {
          values: {},
          subkeys: { Default: { values: { MRU0: { type: 'REG_SZ', data: 'server01' } }, subkeys: {} } },
        },
      },
    });
  });
});

describe('SimulatedMachine state', () => {
  it('snapshots its changes as a machine description with canonical key paths', async () => {
    const machine = new SimulatedMachine(BASE);
    await machine.run([setMru('server02')], { mode: 'write' });
    await machine.run([setPolicy], { mode: 'write', elevated: true });
    const snapshot = machine.snapshot();
    expect(snapshot.registry).toEqual({
      [`${TSC}\\Default`]: {
        MRU0: { type: 'REG_SZ', data: 'server01' },
        MRU1: { type: 'REG_SZ', data: 'server02' },
      },
      [POLICY]: { fClientDisableUDP: { type: 'REG_DWORD', data: 1 } },
      // The elevated side's record of the value before (it had none), where only administrators write.
      'HKLM\\SOFTWARE\\RDP Repair\\Values before': {
        [`${POLICY}\\fClientDisableUDP`]: { type: 'REG_SZ', data: '{"exists":false}' },
      },
    });
    expect(machinesEqual(new SimulatedMachine(snapshot).snapshot(), snapshot)).toBe(true);
  });

  it('a fix and its inverse (delete the value, then the empty keys it created) give back an equal machine', async () => {
    const machine = new SimulatedMachine(BASE);
    await machine.run([setPolicy], { mode: 'write', elevated: true });
    expect(machinesEqual(machine.snapshot(), BASE)).toBe(false);
    const inverse: Op[] = [
      { op: 'registry.deleteValue', path: POLICY, name: 'fClientDisableUDP' },
      { op: 'registry.deleteEmptyKey', path: POLICY },
      { op: 'registry.deleteEmptyKey', path: POLICY.slice(0, POLICY.lastIndexOf('\\')) },
    ];
    await machine.run(inverse, { mode: 'write', elevated: true });
    expect(machinesEqual(machine.snapshot(), BASE)).toBe(true);
  });

  it('the elevated batch may not delete a whole policy key, though the allow-list holds it', async () => {
    const machine = new SimulatedMachine(BASE);
    await machine.run([setPolicy], { mode: 'write', elevated: true });
    const [result] = await machine.run([{ op: 'registry.deleteKey', path: POLICY }], {
      mode: 'write',
      elevated: true,
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-argument' } });
    expect(machinesEqual(machine.snapshot(), BASE)).toBe(false);
  });

  it('keeps bytes that are no text exactly, and snapshots them as base64', async () => {
    const machine = new SimulatedMachine(BASE);
    const bytes = Buffer.from([0xff, 0xfe, 0x41]).toString('base64');
    await machine.run(
      [{ op: 'file.write', folder: 'documents', name: 'odd.bin', contentBase64: bytes, attributes: [] }],
      {
        mode: 'write',
      },
    );
    const [read] = await machine.run([{ op: 'file.read', folder: 'documents', name: 'ODD.BIN' }], {
      mode: 'read',
    });
    expect(read).toEqual({ ok: true, value: { exists: true, contentBase64: bytes, attributes: [] } });
    expect(machine.snapshot().files['C:\\Users\\alice\\Documents\\odd.bin']).toEqual({
      content: bytes,
      encoding: 'base64',
      attributes: [],
    });
    const reloaded = new SimulatedMachine(machine.snapshot());
    const [again] = await reloaded.run([{ op: 'file.read', folder: 'documents', name: 'odd.bin' }], {
      mode: 'read',
    });
    expect(again).toEqual(read);
  });

  it('keeps the file path as described when a file is rewritten', async () => {
    const machine = new SimulatedMachine(BASE);
    await machine.run(
      [
        {
          op: 'file.write',
          folder: 'documents',
          name: 'DEFAULT.RDP',
          contentBase64: '',
          attributes: ['Archive'],
        },
      ],
      { mode: 'write' },
    );
    expect(machine.snapshot().files).toEqual({
      'c:\\users\\alice\\documents\\Default.rdp': { content: '', encoding: 'utf-8', attributes: ['Archive'] },
    });
  });
});

describe('SimulatedMachine faults', () => {
  it('fails the Nth write op of its life with `failed` and changes nothing', async () => {
    const machine = new SimulatedMachine(BASE, { faults: { failOnWrite: 2 } });
    expect(codes(await machine.run([setMru('a')], { mode: 'write' }))).toEqual(['ok']);
    const results = await machine.run(
      [{ op: 'registry.readValue', path: TSC, name: 'x' }, setMru('b'), setMru('c')],
      {
        mode: 'write',
      },
    );
    expect(codes(results)).toEqual(['ok', 'failed', 'skipped']);
    expect(machine.snapshot().registry[`${TSC}\\Default`]?.MRU1).toEqual({ type: 'REG_SZ', data: 'a' });
  });

  it('hangs on the Nth write until the signal aborts, then cancels it and the rest', async () => {
    const machine = new SimulatedMachine(BASE, { faults: { hangOnWrite: 2 } });
    const controller = new AbortController();
    const run = machine.run([setMru('a'), setMru('b'), setMru('c')], {
      mode: 'write',
      signal: controller.signal,
      onOpDone: (index) => {
        if (index === 0) setTimeout(() => controller.abort(), 0);
      },
    });
    const results = await run;
    expect(codes(results)).toEqual(['ok', 'cancelled', 'cancelled']);
    expect(machine.snapshot().registry[`${TSC}\\Default`]?.MRU1).toEqual({ type: 'REG_SZ', data: 'a' });
  });

  it('calls onKill right after the Nth write is applied, before the next op runs', async () => {
    const machine = new SimulatedMachine(BASE, {
      faults: {
        killAfterWrite: 1,
        onKill: () => {
          expect(machine.snapshot().registry[`${TSC}\\Default`]?.MRU1).toEqual({ type: 'REG_SZ', data: 'a' });
          throw new Error('killed');
        },
      },
    });
    await expect(machine.run([setMru('a'), setMru('b')], { mode: 'write' })).rejects.toThrow('killed');
    expect(machine.snapshot().registry[`${TSC}\\Default`]?.MRU1).toEqual({ type: 'REG_SZ', data: 'a' });
  });

  it('counts only write ops that run, not reads or refused ops', async () => {
    const onKill = vi.fn();
    const machine = new SimulatedMachine(BASE, { faults: { killAfterWrite: 2, onKill } });
    await machine.run([{ op: 'system.facts' }, setPolicy, setMru('a')], { mode: 'read' });
    expect(onKill).not.toHaveBeenCalled();
    await machine.run([setMru('b')], { mode: 'write' });
    expect(onKill).toHaveBeenCalledTimes(1);
  });
});

describe('the Remote Desktop certificate', () => {
  const STORE = 'LocalMachine\\Remote Desktop';
  const withCertificate = (notAfter: string): MachineDescriptionInput => ({
    ...BASE,
    os: { ...BASE.os, computerName: 'PC07' },
    services: { SessionEnv: { status: 'Running' }, TermService: { status: 'Running' } },
    certificates: { [STORE]: [{ thumbprint: 'A'.repeat(40), subject: 'CN=PC07', notAfter }] },
    simulation: { now: '2026-11-21T09:00:00Z' },
  });
  const list = async (machine: SimulatedMachine) => {
    const [result] = await machine.run([{ op: 'certificate.list', store: STORE }], { mode: 'read' });
    return result?.ok ? (result.value as { thumbprint: string; subject: string; notAfter: string }[]) : [];
  };
  const restart = (name: string) => ({ op: 'service.restart', name }) as Op;

  it('is made anew when SessionEnv restarts and none in the store is valid, as Windows does', async () => {
    const machine = new SimulatedMachine(withCertificate('2025-01-01T00:00:00Z'));
    await machine.run(
      [{ op: 'certificate.remove', store: STORE, thumbprint: 'A'.repeat(40) }, restart('SessionEnv')],
      { mode: 'write', elevated: true },
    );
    const certificates = await list(machine);
    expect(certificates).toHaveLength(1);
    expect(certificates[0]?.subject).toBe('CN=PC07');
    expect(certificates[0]?.thumbprint).toMatch(/^[0-9A-F]{40}$/);
    expect(certificates[0]?.thumbprint).not.toBe('A'.repeat(40));
    expect(Date.parse(certificates[0]?.notAfter ?? '')).toBeGreaterThan(Date.parse('2027-05-01T00:00:00Z'));
  });

  it('is left alone when a valid one is there, or when another service restarts', async () => {
    const valid = new SimulatedMachine(withCertificate('2027-06-01T00:00:00Z'));
    await valid.run([restart('SessionEnv')], { mode: 'write', elevated: true });
    expect((await list(valid)).map((c) => c.thumbprint)).toEqual(['A'.repeat(40)]);

    const other = new SimulatedMachine(withCertificate('2025-01-01T00:00:00Z'));
    await other.run([restart('TermService')], { mode: 'write', elevated: true });
    expect((await list(other)).map((c) => c.thumbprint)).toEqual(['A'.repeat(40)]);
  });
});
