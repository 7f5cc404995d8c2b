import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RepairEngine } from '../../engine/engine.js';
import type { JournalRun } from '../../engine/journal/journal-entry.js';
import { JournalStore } from '../../engine/journal/journal-store.js';
import { TERMINAL_SERVICES_KEY, UDP_POLICY_KEY } from '../../engine/repairs/udp-transport.js';
import { loadMachineFile, normalizeMachine } from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import { MACHINE_ALLOW_LIST } from '../../shared/machine-allow-list.js';
import type { MachineDescription } from '../../shared/machine-description.js';
import type { Op } from '../../shared/ops.js';
import { FUZZ_SEED } from '../fuzz/mutations.js';

/*
 * A same-user attacker with the journal. The journal is the user's file and its checksum is one anyone can
 * recompute, so every field of the run and of its changes may say anything: the undo ops, the scope, each
 * change's status, the run's state and process. Each rewritten journal is planted as it is (for `undo`) and as an
 * interrupted run (for `recover`). Whatever it says, the elevated batch may change nothing outside the
 * templates: the machine-wide part of the machine (HKLM, the My store, every service but SessionEnv, and every
 * HKLM value but fClientDisableUDP) stays exactly as it was. The user's own settings are not counted: the
 * attacker can change those without RDP Repair.
 */

const NOW = new Date('2026-11-21T09:00:00Z');
const ATTACKS = 150;
interface Figures {
  journals: number;
  undoRuns: number;
  recoverRuns: number;
  machineWideChanges: number;
  udpWrites: number;
  forgedUdpTried: number;
  forgedUdpValues: number;
}
const zero = (): Figures => ({
  journals: 0,
  undoRuns: 0,
  recoverRuns: 0,
  machineWideChanges: 0,
  udpWrites: 0,
  forgedUdpTried: 0,
  forgedUdpValues: 0,
});
/*
 * Two processes: RDP Repair as the user (machine-wide writes need the elevated batch) and RDP Repair started
 * with an administrator's token ("Run as administrator", an admin's terminal), where Windows itself would
 * let any batch write HKLM: only the engine and the interpreter stand between the journal and the machine.
 */
const TOKENS = [
  { token: 'user', elevated: false },
  { token: 'administrator', elevated: true },
] as const;
const figuresByToken: Record<(typeof TOKENS)[number]['token'], Figures> = {
  user: zero(),
  administrator: zero(),
};

let original: MachineDescription;
let applied: MachineDescription;
let run: JournalRun;

beforeAll(async () => {
  const machine = new SimulatedMachine(
    loadMachineFile(fileURLToPath(new URL('../../sample-machines/everything-broken.json', import.meta.url))),
  );
  original = machine.snapshot();
  const dataDir = mkdtempSync(join(tmpdir(), 'rdp-repair-attack-seed-'));
  const engine = new RepairEngine({ machine, dataDir, now: () => NOW });
  const report = await engine.apply({
    host: 'server01.contoso.com',
    allowIrreversible: [],
    restorePoint: false,
  });
  expect(report.outcome).toBe('done');
  applied = machine.snapshot();
  const journal = new JournalStore(dataDir);
  const [made] = journal.list().runs;
  if (!made) throw new Error('no journal written');
  run = made;
  expect(run.changes.some((c) => c.change.scope === 'machine')).toBe(true);
});

afterAll(() => {
  for (const [token, figures] of Object.entries(figuresByToken))
    console.log(
      `journal attacks (${token} token): ${figures.journals} rewritten journals, ${figures.undoRuns} undo and ${figures.recoverRuns} recover runs, ` +
        `${figures.machineWideChanges} machine-wide changes outside the templates; fClientDisableUDP changed in ` +
        `${figures.udpWrites}; ${figures.forgedUdpTried} journals asked a template to set it to a value it never had, ` +
        `${figures.forgedUdpValues} got one`,
    );
});

/** The machine-wide state the templates may not reach, in a form two machines compare by. */
function beyondTemplates(d: MachineDescription): string {
  const n = normalizeMachine(d);
  const registry = Object.entries(n.registry)
    .filter(([path]) => path.startsWith('HKLM\\'))
    .map(([path, values]) => {
      const kept = Object.entries(values).filter(
        ([name]) =>
          !(
            path.toLowerCase() === UDP_POLICY_KEY.toLowerCase() && name.toLowerCase() === 'fclientdisableudp'
          ),
      );
      return [path, kept] as const;
    })
    // The UDP key and the Terminal Services key may be deleted once empty (udp-policy.remove).
    .filter(
      ([path, kept]) =>
        kept.length > 0 ||
        ![UDP_POLICY_KEY, TERMINAL_SERVICES_KEY].some((k) => k.toLowerCase() === path.toLowerCase()),
    );
  const services = Object.entries(n.services).filter(([name]) => name !== 'SessionEnv');
  // The elevated side's own record of the value before (values-before.ts): it goes when the undo uses it.
  const record = MACHINE_ALLOW_LIST.elevatedWrites.valuesBeforeKey.toLowerCase();
  const withoutRecord = registry.filter(([path]) => path.toLowerCase() !== record);
  return JSON.stringify({ registry: withoutRecord, my: n.certificates['LocalMachine\\My'] ?? [], services });
}

/** fClientDisableUDP as the machine has it (undefined: no such value). */
function udpValue(d: MachineDescription): string {
  const key = Object.entries(d.registry).find(
    ([path]) => path.toLowerCase() === UDP_POLICY_KEY.toLowerCase(),
  );
  const value = Object.entries(key?.[1] ?? {}).find(([name]) => name.toLowerCase() === 'fclientdisableudp');
  return JSON.stringify(value?.[1] ?? null);
}

const dword = (data: number) => ({ type: 'REG_DWORD' as const, data });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('registry.setValue' as const),
    path: fc.constantFrom(TERMINAL_SERVICES_KEY, UDP_POLICY_KEY, `${TERMINAL_SERVICES_KEY}\\Other`),
    name: fc.constantFrom(
      'fDenyTSConnections',
      'UserAuthentication',
      'fClientDisableUDP',
      'Shadow',
      'fAllowUnsolicited',
    ),
    value: fc.constantFrom(dword(0), dword(1), dword(2)),
  }),
  fc.record({
    op: fc.constant('registry.deleteValue' as const),
    path: fc.constantFrom(TERMINAL_SERVICES_KEY, UDP_POLICY_KEY),
    name: fc.constantFrom('fClientDisableUDP', 'fDenyTSConnections'),
  }),
  fc.record({
    op: fc.constant('registry.deleteKey' as const),
    path: fc.constantFrom(TERMINAL_SERVICES_KEY, UDP_POLICY_KEY),
  }),
  fc.record({
    op: fc.constant('registry.writeKey' as const),
    path: fc.constant(TERMINAL_SERVICES_KEY),
    tree: fc.constant({ values: { fDenyTSConnections: dword(0) }, subkeys: {} }),
  }),
  fc.record({
    op: fc.constant('certificate.remove' as const),
    store: fc.constantFrom('LocalMachine\\My' as const, 'LocalMachine\\Remote Desktop' as const),
    thumbprint: fc.constant('A'.repeat(40)),
  }),
  fc.record({
    op: fc.constant('service.restart' as const),
    name: fc.constantFrom('TermService' as const, 'UmRdpService' as const, 'SessionEnv' as const),
  }),
  fc.constant({ op: 'policy.refresh' as const }),
);

type Status = JournalRun['changes'][number]['status'];
interface ChangeMutation {
  inverse: Op[] | null;
  scope: 'machine' | 'user';
  status: Status;
}
interface Attack {
  changes: ChangeMutation[];
  state: JournalRun['state'];
}

/** Inverses a template accepts (udp-policy.set / .remove), with values the machine never had among them. */
const udpTemplateArb: fc.Arbitrary<Op[]> = fc.oneof(
  fc
    .constantFrom(dword(0), dword(1), dword(2), dword(7), { type: 'REG_SZ' as const, data: '0' })
    .map((value): Op[] => [
      { op: 'registry.setValue', path: UDP_POLICY_KEY, name: 'fClientDisableUDP', value },
    ]),
  fc.constant<Op[]>([{ op: 'registry.deleteValue', path: UDP_POLICY_KEY, name: 'fClientDisableUDP' }]),
);

const changeArb: fc.Arbitrary<ChangeMutation> = fc.record({
  inverse: fc.option(fc.oneof(fc.array(opArb, { minLength: 1, maxLength: 4 }), udpTemplateArb), {
    nil: null,
  }),
  scope: fc.constantFrom('machine' as const, 'user' as const),
  status: fc.constantFrom(
    'planned' as const,
    'applied' as const,
    'not-applied' as const,
    'rolled-back' as const,
    'undone' as const,
  ),
});

const attackArb: fc.Arbitrary<Attack> = fc.record({
  changes: fc.array(changeArb, { minLength: 1, maxLength: 4 }),
  state: fc.constantFrom(
    'done' as const,
    'partially-undone' as const,
    'in-progress' as const,
    'rolled-back' as const,
  ),
});

function rewritten(attack: Attack, pid: number): JournalRun {
  return {
    ...run,
    state: attack.state,
    pid,
    processStart: null,
    changes: run.changes.map((entry, i) => {
      const mutation = attack.changes[i % attack.changes.length];
      if (!mutation) return entry;
      return {
        status: mutation.status,
        change: { ...entry.change, scope: mutation.scope, inverse: mutation.inverse },
      };
    }),
  };
}

/** Whether a change of this journal asks, in a form a template accepts, for a UDP value the machine never had. */
function asksForgedUdpValue(attack: Attack): boolean {
  const had = [udpValue(original), udpValue(applied)];
  return attack.changes.some((change) => {
    const [op, ...rest] = change.inverse ?? [];
    if (!op || rest.length > 0 || change.scope !== 'machine' || !('name' in op)) return false;
    if (op.op === 'registry.setValue' && op.path === UDP_POLICY_KEY)
      return !had.includes(JSON.stringify(op.value));
    return op.op === 'registry.deleteValue' && op.path === UDP_POLICY_KEY && !had.includes('null');
  });
}

describe.each(TOKENS)(
  'rewritten journals against the elevated boundary, $token token',
  ({ token, elevated }) => {
    it(`${ATTACKS} attacks through undo and recover change nothing machine-wide outside the templates`, async () => {
      const figures = figuresByToken[token];
      const before = beyondTemplates(applied);
      const samples = fc.sample(attackArb, { numRuns: ATTACKS, seed: FUZZ_SEED });
      for (const attack of samples) {
        figures.journals += 1;
        if (asksForgedUdpValue(attack)) figures.forgedUdpTried += 1;
        const machine = new SimulatedMachine({ ...applied, os: { ...applied.os, elevated } });
        const dataDir = mkdtempSync(join(tmpdir(), 'rdp-repair-attack-'));
        // A dead pid: planted as interrupted, recover takes it up; as done, undo does.
        new JournalStore(dataDir).save(rewritten(attack, 2 ** 22 + 77));
        const engine = new RepairEngine({ machine, dataDir, now: () => NOW });
        await engine.undo().catch(() => undefined);
        figures.undoRuns += 1;
        if (attack.state === 'in-progress') {
          await engine.recover(run.runId).catch(() => undefined);
          figures.recoverRuns += 1;
        }
        const after = machine.snapshot();
        if (beyondTemplates(after) !== before) figures.machineWideChanges += 1;
        // The one value the templates may set: only back to what it was before the fix, or left as the fix made it.
        if (udpValue(after) !== udpValue(applied)) figures.udpWrites += 1;
        if (![udpValue(applied), udpValue(original)].includes(udpValue(after))) figures.forgedUdpValues += 1;
      }
      expect(figures.recoverRuns).toBeGreaterThan(0);
      expect(figures.machineWideChanges).toBe(0);
      // The suite does reach the value (the true undo), so the next figure is not zero for want of trying.
      expect(figures.udpWrites).toBeGreaterThan(0);
      expect(figures.forgedUdpTried).toBeGreaterThan(20);
      expect(figures.forgedUdpValues).toBe(0);
    });
  },
);
