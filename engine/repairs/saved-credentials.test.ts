import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { machinesEqual } from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import type { MachineDescriptionInput } from '../../shared/machine-description.js';
import type { OpResult } from '../../shared/ops.js';
import { RDP_CLIENT_CHANNEL } from '../windows/rdp-client-connections.js';
import { apply, context, machineWith, scan } from './repair-harness.test-support.js';
import { savedCredentialsRepair } from './saved-credentials.js';

/** fast-check seed, fixed as in test/properties/: a failure replays exactly, and a green run stays green. */
const SEED = 20261203;

type Credential = { target: string; type: 'DomainPassword' | 'Generic'; user: string };

const SERVER01: Credential = {
  target: 'TERMSRV/server01.contoso.com',
  type: 'DomainPassword',
  user: 'CONTOSO\\alice',
};
const SERVER01_GENERIC: Credential = {
  target: 'termsrv/SERVER01.contoso.com',
  type: 'Generic',
  user: 'alice',
};
const OTHER: Credential = {
  target: 'TERMSRV/server02.contoso.com',
  type: 'DomainPassword',
  user: 'CONTOSO\\alice',
};

describe('saved-credentials on read results', () => {
  it('is unknown when Credential Manager cannot be read', () => {
    const failed: OpResult = { ok: false, error: { code: 'failed', message: 'cmdkey failed' } };
    const finding = savedCredentialsRepair.diagnose(context('server01'), [failed]);
    expect(finding.status).toBe('unknown');
    expect(savedCredentialsRepair.plan(context('server01'), [failed])).toEqual([]);
  });

  it('ignores targets that are not TERMSRV targets', () => {
    const list: OpResult = { ok: true, value: [{ target: 'server01', type: 'Generic', user: 'x' }] };
    expect(savedCredentialsRepair.diagnose(context('server01'), [list]).status).toBe('ok');
  });
});

describe('saved-credentials on a simulated machine', () => {
  it('suggests removing the saved passwords of the target; the generic one is backed up and undoable, the Windows one not', async () => {
    const machine = new SimulatedMachine(machineWith({ credentials: [SERVER01, OTHER, SERVER01_GENERIC] }));
    const ctx = context('Server01.contoso.com');
    const before = await scan(machine, savedCredentialsRepair, ctx);
    expect(before.finding.status).toBe('suggestion');
    expect(before.finding.summary).toBe(
      'A password is saved for Server01.contoso.com. If your password changed, removing it makes Remote Desktop ask for the current one (a wrong password gives another error than 0x904).',
    );
    expect(before.finding.explanation).toContain('0x904');
    expect(before.finding.evidence).toEqual([
      {
        label: 'Saved password',
        value: 'TERMSRV/server01.contoso.com (Windows password, user CONTOSO\\alice)',
      },
      { label: 'Saved password', value: 'termsrv/SERVER01.contoso.com (generic password, user alice)' },
    ]);
    // Undoable first.
    expect(before.plan.map((c) => c.id)).toEqual([
      'saved-credentials:Generic-termsrv_SERVER01.contoso.com',
      'saved-credentials:DomainPassword-TERMSRV_server01.contoso.com',
    ]);
    const [generic, domain] = before.plan;
    expect(generic?.inverse).toEqual([
      expect.objectContaining({
        op: 'credential.write',
        target: SERVER01_GENERIC.target,
        type: 'Generic',
        user: 'alice',
        persist: 2,
      }),
    ]);
    expect(generic?.description).toMatch(/A copy, protected for you on this computer, is kept for Undo/);
    expect(domain?.inverse).toBeNull();
    expect(domain?.irreversibleReason).toMatch(/Windows \(domain\) password .* cannot be restored/);
    for (const change of before.plan) expect(change.scope).toBe('user');

    await apply(machine, before.plan);
    expect(machine.snapshot().credentials).toEqual([OTHER]);
    const after = await scan(machine, savedCredentialsRepair, ctx);
    expect(after.finding.status).toBe('ok');
    expect(after.plan).toEqual([]);
    // Undo of the generic one puts it back as it was.
    await machine.run(generic?.inverse ?? [], { mode: 'write' });
    expect(machine.snapshot().credentials).toEqual([OTHER, SERVER01_GENERIC]);
  });

  it('matches a short name, and a host:port target, to a credential saved without a port', async () => {
    const machine = new SimulatedMachine(machineWith({ credentials: [SERVER01, OTHER] }));
    const { plan } = await scan(machine, savedCredentialsRepair, context('server01:3390'));
    expect(plan.flatMap((c) => c.ops)).toEqual([
      { op: 'credential.delete', target: SERVER01.target, type: 'DomainPassword' },
    ]);
  });

  it('leaves an ambiguous short name alone', async () => {
    const fabrikam: Credential = { ...SERVER01, target: 'TERMSRV/server01.fabrikam.com' };
    const machine = new SimulatedMachine(machineWith({ credentials: [SERVER01, fabrikam] }));
    const { finding, plan } = await scan(machine, savedCredentialsRepair, context('server01'));
    expect(finding.status).toBe('ok');
    expect(plan).toEqual([]);
  });
});

const TARGET_HOSTS = [
  'server01',
  'SERVER01',
  'server01.contoso.com',
  'server01.fabrikam.com',
  'server01:3390',
  'pc07',
  '10.1.2.3',
] as const;

describe('saved-credentials evidence', () => {
  const signIn = (
    minute: number,
    server: string,
    reason: number,
  ): NonNullable<MachineDescriptionInput['events']> => [
    {
      channel: RDP_CLIENT_CHANNEL,
      id: 1024,
      time: `2026-11-19T08:${String(minute).padStart(2, '0')}:00Z`,
      data: { Value: server },
    },
    {
      channel: RDP_CLIENT_CHANNEL,
      id: 1025,
      time: `2026-11-19T08:${String(minute).padStart(2, '0')}:01Z`,
      data: {},
    },
    {
      channel: RDP_CLIENT_CHANNEL,
      id: 1026,
      time: `2026-11-19T08:${String(minute).padStart(2, '0')}:05Z`,
      data: { Value: reason },
    },
  ];

  it('is a problem when the events show a failed sign-in (2055) for this host', async () => {
    const machine = new SimulatedMachine(
      machineWith({ credentials: [SERVER01], events: signIn(1, 'server01.contoso.com', 2055) }),
    );
    const { finding } = await scan(machine, savedCredentialsRepair, context('server01.contoso.com'));
    expect(finding.status).toBe('problem');
    expect(finding.summary).toMatch(/sign-in to server01\.contoso\.com failed on 2026-11-19 08:01 UTC/);
  });

  it('stays a suggestion when the failed sign-in was to another computer, or the failure was something else', async () => {
    for (const events of [signIn(1, 'pc07', 2055), signIn(2, 'server01.contoso.com', 2308)]) {
      const machine = new SimulatedMachine(machineWith({ credentials: [SERVER01], events }));
      expect(
        (await scan(machine, savedCredentialsRepair, context('server01.contoso.com'))).finding.status,
      ).toBe('suggestion');
    }
  });

  it('lists a TERMSRV/* entry for every computer, explains it, and never deletes it', async () => {
    const wildcard: Credential = { target: 'TERMSRV/*', type: 'Generic', user: 'alice' };
    const machine = new SimulatedMachine(machineWith({ credentials: [wildcard] }));
    const { finding, plan } = await scan(machine, savedCredentialsRepair, context('server01.contoso.com'));
    expect(finding.evidence).toEqual([
      { label: 'Saved for every computer', value: expect.stringMatching(/^TERMSRV\/\* .*leaves it alone/) },
    ]);
    expect(plan).toEqual([]);
  });
});

describe('saved-credentials properties', () => {
  it('apply removes exactly the target host credentials; apply twice equals apply once', async () => {
    const credentialArb = fc.record({
      target: fc
        .tuple(fc.constantFrom('TERMSRV/', 'termsrv/'), fc.constantFrom(...TARGET_HOSTS))
        .map(([p, h]) => p + h),
      type: fc.constantFrom('DomainPassword' as const, 'Generic' as const),
      user: fc.constantFrom('alice', 'CONTOSO\\bob'),
    });
    const credentialsArb = fc.uniqueArray(credentialArb, {
      maxLength: 8,
      selector: (c) => `${c.target.toLowerCase()}|${c.type}`,
    });
    await fc.assert(
      fc.asyncProperty(
        credentialsArb,
        fc.constantFrom('server01', 'server01.contoso.com', '10.1.2.3'),
        async (credentials, host) => {
          const ctx = context(host);
          const machine = new SimulatedMachine(machineWith({ credentials }));
          const before = await scan(machine, savedCredentialsRepair, ctx);
          expect(before.finding.status).toBe(before.plan.length > 0 ? 'suggestion' : 'ok');
          await apply(machine, before.plan);
          const once = machine.snapshot();
          await apply(machine, before.plan);
          expect(machinesEqual(once, machine.snapshot())).toBe(true);

          const deleted = new Set(before.plan.flatMap((c) => c.ops.map((op) => JSON.stringify(op))));
          const kept = credentials.filter(
            (c) => !deleted.has(JSON.stringify({ op: 'credential.delete', target: c.target, type: c.type })),
          );
          expect(machinesEqual(machine.snapshot(), machineWith({ credentials: kept }))).toBe(true);
          for (const c of credentials) {
            const name = c.target.slice('TERMSRV/'.length).toLowerCase();
            // An exact (case-insensitive) name is always removed; another computer's name never is.
            if (name === host) expect(kept).not.toContainEqual(c);
            if (!name.startsWith(host.split('.')[0] ?? host)) expect(kept).toContainEqual(c);
          }

          const after = await scan(machine, savedCredentialsRepair, ctx);
          expect(after.plan).toEqual([]);
          expect(after.finding.status).toBe('ok');
        },
      ),
      { seed: SEED, numRuns: 150 },
    );
  });
});
