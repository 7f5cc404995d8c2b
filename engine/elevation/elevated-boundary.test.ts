import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadMachineFile } from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import type { PlannedChange } from '../../shared/findings.js';
import type { MachineDescriptionInput } from '../../shared/machine-description.js';
import type { Op } from '../../shared/ops.js';
import { RepairEngine } from '../engine.js';
import { JournalStore } from '../journal/journal-store.js';
import { TERMINAL_SERVICES_KEY, UDP_POLICY_KEY } from '../repairs/udp-transport.js';
import { ELEVATED_REFUSAL, INVERSE_BEYOND_CHANGE, UNTRUSTED_INVERSE } from '../replay-inverses.js';

/*
 * The privilege boundary, as a same-user attacker sees it: the journal is the user's own file and its checksum
 * is one anyone can recompute, so a rewritten machine-wide undo is a valid journal. Undo and recover must run
 * nothing elevated that is not one of the closed templates (engine/elevation/elevated-templates.ts).
 */

const NOW = new Date('2026-11-21T09:00:00Z');
const sample = (name: string) =>
  loadMachineFile(fileURLToPath(new URL(`../../sample-machines/${name}`, import.meta.url)));

// What the attacker writes instead of the real undo: each is allowed by the interpreter's elevated allow-list
// (under the Terminal Services policy root, a Remote Desktop store, a Remote Desktop service), and each would
// open or weaken this PC's Remote Desktop.
const ATTACKS: [string, Op[]][] = [
  [
    'allow connections by policy',
    [
      {
        op: 'registry.setValue',
        path: TERMINAL_SERVICES_KEY,
        name: 'fDenyTSConnections',
        value: { type: 'REG_DWORD', data: 0 },
      },
    ],
  ],
  [
    'turn off Network Level Authentication',
    [
      {
        op: 'registry.setValue',
        path: TERMINAL_SERVICES_KEY,
        name: 'UserAuthentication',
        value: { type: 'REG_DWORD', data: 0 },
      },
    ],
  ],
  [
    'the real undo with one more op',
    [
      {
        op: 'registry.setValue',
        path: UDP_POLICY_KEY,
        name: 'fClientDisableUDP',
        value: { type: 'REG_DWORD', data: 0 },
      },
      {
        op: 'registry.setValue',
        path: TERMINAL_SERVICES_KEY,
        name: 'fAllowUnsolicited',
        value: { type: 'REG_DWORD', data: 1 },
      },
    ],
  ],
  [
    'another value under the UDP key',
    [
      {
        op: 'registry.setValue',
        path: UDP_POLICY_KEY,
        name: 'Shadow',
        value: { type: 'REG_DWORD', data: 2 },
      },
    ],
  ],
  ['delete the policy key', [{ op: 'registry.deleteKey', path: TERMINAL_SERVICES_KEY }]],
  [
    'remove a certificate from the My store and restart TermService',
    [
      { op: 'certificate.remove', store: 'LocalMachine\\My', thumbprint: 'A'.repeat(40) },
      { op: 'service.restart', name: 'TermService' },
    ],
  ],
];

function setup(
  description: MachineDescriptionInput,
  dataDir = mkdtempSync(join(tmpdir(), 'rdp-repair-boundary-')),
) {
  const machine = new SimulatedMachine(description);
  const engine = new RepairEngine({ machine, dataDir, now: () => NOW });
  return { machine, engine, journal: new JournalStore(dataDir) };
}

/** Every value under the Terminal Services policy key, and the My store: what an attack would change. */
function attackSurface(machine: SimulatedMachine) {
  const d = machine.snapshot();
  const policy = Object.entries(d.registry).filter(([path]) =>
    path.toLowerCase().startsWith(TERMINAL_SERVICES_KEY.toLowerCase()),
  );
  return { policy, my: d.certificates['LocalMachine\\My'] ?? [] };
}

const FIX_UDP = {
  host: 'server01.contoso.com',
  changeIds: ['udp-transport:disable-udp'],
  allowIrreversible: [],
  restorePoint: false,
};

const withInverse = (change: PlannedChange, inverse: Op[]): PlannedChange => ({ ...change, inverse });

describe('the elevated batch from a journal the user can rewrite', () => {
  it.each(ATTACKS)('undo refuses a rewritten machine-wide undo (%s) and says why', async (_name, inverse) => {
    const { machine, engine, journal } = setup(sample('udp-enabled.json'));
    const applied = await engine.apply(FIX_UDP);
    expect(applied.outcome).toBe('done');
    const run = applied.runId ? journal.read(applied.runId) : undefined;
    if (!run) throw new Error('no journal');
    journal.save({
      ...run,
      changes: run.changes.map((c) => ({ ...c, change: withInverse(c.change, inverse) })),
    });
    const before = attackSurface(machine);

    const report = await engine.undo();
    expect(report.outcome).toBe('failed');
    // Each reaches beyond the value the fix set, so it is refused before the templates are even asked.
    expect(report.message).toContain(INVERSE_BEYOND_CHANGE);
    expect(report.message).not.toMatch(/try undo again/i);
    expect(report.undoneChangeIds).toEqual([]);
    expect(attackSurface(machine)).toEqual(before);
  });

  it.each(ATTACKS)('recover of a planted unfinished run refuses it too (%s)', async (_name, inverse) => {
    const { machine, engine, journal } = setup({
      ...sample('host-expired-certificate.json'),
      certificates: {
        ...sample('host-expired-certificate.json').certificates,
        'LocalMachine\\My': [
          { thumbprint: 'A'.repeat(40), subject: 'CN=web', notAfter: '2027-06-01T00:00:00Z' },
        ],
      },
    });
    const planted: PlannedChange = {
      id: 'udp-transport:disable-udp',
      repairId: 'udp-transport',
      description: 'Turn off UDP for Remote Desktop.',
      scope: 'machine',
      ops: [
        {
          op: 'registry.setValue',
          path: UDP_POLICY_KEY,
          name: 'fClientDisableUDP',
          value: { type: 'REG_DWORD', data: 1 },
        },
      ],
      inverse,
    };
    journal.save({
      runId: 'run-2026-11-20-0001',
      sequence: 1,
      host: 'server01.contoso.com',
      startedAt: '2026-11-20T10:00:00.000Z',
      updatedAt: '2026-11-20T10:00:01.000Z',
      // No such process: the run looks interrupted.
      pid: 2 ** 22 + 12345,
      state: 'in-progress',
      changes: [{ change: planted, status: 'applied' }],
    });
    const before = attackSurface(machine);
    const report = await engine.recover('run-2026-11-20-0001');
    expect(report.undoneChangeIds).toEqual([]);
    expect(report.message).toContain(INVERSE_BEYOND_CHANGE);
    expect(attackSurface(machine)).toEqual(before);
  });

  it.each([
    ['a value the policy never had', { type: 'REG_DWORD', data: 7 }],
    ['"UDP allowed" in another type', { type: 'REG_SZ', data: '0' }],
  ] as const)(
    'undo refuses a forged value a template accepts (%s): the elevated side keeps the true one',
    async (_name, value) => {
      const { machine, engine, journal } = setup(sample('udp-enabled.json'));
      const applied = await engine.apply(FIX_UDP);
      const run = applied.runId ? journal.read(applied.runId) : undefined;
      if (!run) throw new Error('no journal');
      const forged: Op[] = [
        { op: 'registry.setValue', path: UDP_POLICY_KEY, name: 'fClientDisableUDP', value },
      ];
      journal.save({
        ...run,
        changes: run.changes.map((c) => ({ ...c, change: withInverse(c.change, forged) })),
      });
      const before = machine.snapshot().registry;

      const report = await engine.undo();
      expect(report.outcome).toBe('failed');
      expect(report.message).toContain(ELEVATED_REFUSAL);
      expect(report.message).not.toMatch(/try undo again/i);
      expect(machine.snapshot().registry).toEqual(before);
    },
  );

  it('undo refuses an undo that stays within its change but is no template (the real undo twice)', async () => {
    const { machine, engine, journal } = setup(sample('udp-enabled.json'));
    const applied = await engine.apply(FIX_UDP);
    const run = applied.runId ? journal.read(applied.runId) : undefined;
    if (!run) throw new Error('no journal');
    const twice: Op[] = [
      { op: 'registry.deleteValue', path: UDP_POLICY_KEY, name: 'fClientDisableUDP' },
      { op: 'registry.deleteValue', path: UDP_POLICY_KEY, name: 'fClientDisableUDP' },
    ];
    journal.save({
      ...run,
      changes: run.changes.map((c) => ({ ...c, change: withInverse(c.change, twice) })),
    });
    const before = attackSurface(machine);
    const report = await engine.undo();
    expect(report.outcome).toBe('failed');
    expect(report.message).toContain(UNTRUSTED_INVERSE);
    expect(attackSurface(machine)).toEqual(before);
  });

  it('an undo whose record of the value before is gone is refused, and says why', async () => {
    const { machine, engine } = setup(sample('udp-enabled.json'));
    await engine.apply(FIX_UDP);
    const withoutRecord = machine.snapshot();
    delete withoutRecord.registry['HKLM\\SOFTWARE\\RDP Repair\\Values before'];
    const { engine: later } = setup(withoutRecord, engine.dataDir);
    const report = await later.undo();
    expect(report.outcome).toBe('failed');
    expect(report.message).toContain('no record that the value the journal asks for was there before');
  });

  it('the real undo, as the fix recorded it, still runs', async () => {
    const { machine, engine } = setup(sample('udp-enabled.json'));
    const original = machine.snapshot().registry;
    await engine.apply({
      host: 'server01.contoso.com',
      changeIds: ['udp-transport:disable-udp'],
      allowIrreversible: [],
      restorePoint: false,
    });
    const report = await engine.undo();
    expect(report.outcome).toBe('undone');
    expect(machine.snapshot().registry).toEqual(original);
  });
});

describe('apply and the templates', () => {
  it('refuses, before the journal or the machine is touched, a machine-wide change whose undo no template builds', async () => {
    const { applyChanges } = await import('../apply.js');
    const machine = new SimulatedMachine(sample('udp-enabled.json'));
    const before = machine.snapshot();
    const dataDir = mkdtempSync(join(tmpdir(), 'rdp-repair-boundary-'));
    const journal = new JournalStore(dataDir);
    const change: PlannedChange = {
      id: 'udp-transport:disable-udp',
      repairId: 'udp-transport',
      description: 'Turn off UDP for Remote Desktop.',
      scope: 'machine',
      ops: [
        {
          op: 'registry.setValue',
          path: UDP_POLICY_KEY,
          name: 'fClientDisableUDP',
          value: { type: 'REG_DWORD', data: 1 },
        },
      ],
      inverse: ATTACKS[0]?.[1] ?? [],
    };
    await expect(
      applyChanges(machine, journal, () => NOW, {
        runId: 'run-2026-11-21-0001',
        host: 'server01',
        changes: [change],
        restorePoint: false,
      }),
    ).rejects.toThrow(/not one of the machine-wide changes RDP Repair may make/);
    expect(machine.snapshot()).toEqual(before);
    expect(journal.list().runs).toEqual([]);
  });
});

/*
 * RDP Repair started with an administrator's token ("Run as administrator", an administrator's terminal):
 * Windows would let any batch write HKLM, so only the engine (inverse-bounds.ts, the batch an undo goes to) and
 * the interpreter (a machine-wide write only from the elevated batch) stand between the journal and the policy.
 */
describe('a journal planted for an RDP Repair that runs with an administrator token', () => {
  const dword = (data: number) => ({ type: 'REG_DWORD' as const, data });
  const POLICY_OPENED: Op[] = [
    { op: 'registry.setValue', path: TERMINAL_SERVICES_KEY, name: 'fDenyTSConnections', value: dword(0) },
    { op: 'registry.setValue', path: TERMINAL_SERVICES_KEY, name: 'UserAuthentication', value: dword(0) },
    { op: 'registry.setValue', path: TERMINAL_SERVICES_KEY, name: 'Shadow', value: dword(2) },
    { op: 'registry.setValue', path: TERMINAL_SERVICES_KEY, name: 'fAllowUnsolicited', value: dword(1) },
  ];
  // A harmless user-scope change (one HKCU value) that carries the policy as its undo.
  const planted: PlannedChange = {
    id: 'saved-host-entry:history',
    repairId: 'saved-host-entry',
    description: 'Remove server01 from the Remote Desktop Connection history.',
    scope: 'user',
    ops: [
      {
        op: 'registry.deleteValue',
        path: 'HKCU\\Software\\Microsoft\\Terminal Server Client\\Default',
        name: 'MRU0',
      },
    ],
    inverse: POLICY_OPENED,
  };
  const asAdministrator = () => {
    const base = sample('udp-enabled.json');
    return { ...base, os: { ...base.os, elevated: true } };
  };
  const plantedRun = (state: 'done' | 'in-progress') => ({
    runId: 'run-2026-11-20-0001',
    sequence: 1,
    host: 'server01.contoso.com',
    startedAt: '2026-11-20T10:00:00.000Z',
    updatedAt: '2026-11-20T10:00:01.000Z',
    pid: 2 ** 22 + 12345,
    state,
    changes: [{ change: planted, status: 'applied' as const }],
  });

  it.each(['undo', 'recover'] as const)('%s refuses the policy before the first op', async (how) => {
    const { machine, engine, journal } = setup(asAdministrator());
    journal.save(plantedRun(how === 'undo' ? 'done' : 'in-progress'));
    const before = machine.snapshot();
    const report = how === 'undo' ? await engine.undo() : await engine.recover('run-2026-11-20-0001');
    expect(report.undoneChangeIds).toEqual([]);
    expect(report.message).toContain(INVERSE_BEYOND_CHANGE);
    expect(machine.snapshot().registry).toEqual(before.registry);
  });

  it('a run fixed by RDP Repair as the user is undone exactly by RDP Repair as administrator', async () => {
    const { machine, engine } = setup(sample('udp-enabled.json'));
    const original = machine.snapshot().registry;
    expect((await engine.apply(FIX_UDP)).outcome).toBe('done');
    const { machine: elevated, engine: later } = setup(
      { ...machine.snapshot(), os: { ...machine.snapshot().os, elevated: true } },
      engine.dataDir,
    );
    expect((await later.undo()).outcome).toBe('undone');
    expect(elevated.snapshot().registry).toEqual(original);
  });
});
