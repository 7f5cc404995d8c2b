import { describe, expect, it } from 'vitest';
import { machinesEqual } from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import type { MachineDescriptionInput } from '../../shared/machine-description.js';
import { TSC_SERVERS_KEY } from '../windows/terminal-server-client.js';
import { certificatesRepair } from './certificates.js';
import { CERT_HASH, EXPIRED, EXPIRING, host, VALID } from './certificates.test-support.js';
import { RDP_CERTIFICATE_STORE } from './certificates-host.js';
import { apply, context, NOW, scan, undo, valuesAt } from './repair-harness.test-support.js';

// The certificates repair on a simulated machine: renewal, the private key, the saved trust, fix and undo
// (on read results alone: certificates.test.ts).

describe('certificates on a simulated machine', () => {
  it('in host mode, removes expired and expiring certificates irreversibly and restarts SessionEnv, which makes a valid one', async () => {
    const machine = new SimulatedMachine(host([EXPIRED, EXPIRING]));
    const ctx = context('server01');
    const before = await scan(machine, certificatesRepair, ctx);
    expect(before.finding.status).toBe('problem');
    expect(before.finding.summary).toBe(
      "This computer's Remote Desktop certificate has expired or expires soon: computers that connect to it fail during the security handshake.",
    );
    expect(before.finding.explanation).toContain('0x904');
    expect(
      before.finding.evidence.filter((e) => e.label === 'Expiring certificate').map((e) => e.value),
    ).toEqual([
      `CN=PC01, expired 2026-10-01 (thumbprint ${EXPIRED.thumbprint}), in ${RDP_CERTIFICATE_STORE}`,
      `CN=PC01, expires 2026-12-03 (thumbprint ${EXPIRING.thumbprint}), in ${RDP_CERTIFICATE_STORE}`,
    ]);
    expect(before.plan).toHaveLength(1);
    const [change] = before.plan;
    expect(change).toMatchObject({
      id: 'certificates:host-certificate',
      scope: 'machine',
      inverse: null,
      ops: [
        { op: 'certificate.remove', store: RDP_CERTIFICATE_STORE, thumbprint: EXPIRED.thumbprint },
        { op: 'certificate.remove', store: RDP_CERTIFICATE_STORE, thumbprint: EXPIRING.thumbprint },
        { op: 'service.restart', name: 'SessionEnv' },
      ],
    });
    expect(change?.irreversibleReason).toMatch(/private key cannot be exported/);
    expect(change?.warning).toMatch(/disconnects anyone/);

    await apply(machine, before.plan);
    const renewed = machine.snapshot().certificates[RDP_CERTIFICATE_STORE] ?? [];
    expect(renewed).toHaveLength(1);
    expect(renewed.map((c) => c.thumbprint)).not.toContain(EXPIRED.thumbprint);
    const after = await scan(machine, certificatesRepair, ctx);
    expect(after.finding.status).toBe('ok');
    expect(after.plan).toEqual([]);
  });

  it('is ok with a certificate valid for more than 14 days', async () => {
    const { finding, plan } = await scan(
      new SimulatedMachine(host([VALID])),
      certificatesRepair,
      context('pc07'),
    );
    expect(finding.status).toBe('ok');
    expect(plan).toEqual([]);
  });

  it('forgets the cached trust for the target only, matching the key name in any case, and undoes exactly', async () => {
    const original = host([VALID], {
      registry: {
        [`${TSC_SERVERS_KEY}\\SERVER01`]: {
          CertHash: CERT_HASH,
          UsernameHint: { type: 'REG_SZ', data: 'alice' },
        },
        [`${TSC_SERVERS_KEY}\\server02`]: { CertHash: CERT_HASH },
      },
    });
    const machine = new SimulatedMachine(original);
    const ctx = context('server01:3390');
    const before = await scan(machine, certificatesRepair, ctx);
    expect(before.finding.status).toBe('suggestion');
    expect(before.finding.summary).toBe(
      "Remote Desktop remembers a certificate for server01:3390. If that computer's certificate changed, clearing it makes Windows check again.",
    );
    expect(before.plan.map((c) => [c.id, c.scope])).toEqual([['certificates:trust-SERVER01', 'user']]);

    await apply(machine, before.plan);
    expect(valuesAt(machine, `${TSC_SERVERS_KEY}\\server01`)).toEqual({
      UsernameHint: { type: 'REG_SZ', data: 'alice' },
    });
    expect(valuesAt(machine, `${TSC_SERVERS_KEY}\\server02`)).toEqual({ CertHash: CERT_HASH });
    await apply(machine, before.plan);
    expect((await scan(machine, certificatesRepair, ctx)).finding.status).toBe('ok');

    await undo(machine, before.plan);
    expect(machinesEqual(original, machine.snapshot())).toBe(true);
  });

  it('reports the host problem first and plans both changes when both are found', async () => {
    const machine = new SimulatedMachine(
      host([EXPIRED], { registry: { [`${TSC_SERVERS_KEY}\\server01`]: { CertHash: CERT_HASH } } }),
    );
    const { finding, plan } = await scan(machine, certificatesRepair, context('server01'));
    expect(finding.status).toBe('problem');
    expect(finding.evidence).toContainEqual({
      label: 'Saved certificate trust',
      value: 'Servers\\server01 value CertHash',
    });
    expect(plan.map((c) => c.id)).toEqual(['certificates:host-certificate', 'certificates:trust-server01']);
  });

  it('uses the scan clock for expiry', async () => {
    const machine = new SimulatedMachine(host([VALID]));
    const later = new Date(NOW.getTime() + 2 * 24 * 60 * 60 * 1000);
    expect((await scan(machine, certificatesRepair, context('server01', later))).finding.status).toBe(
      'problem',
    );
  });
});

describe('certificates: a private key only an administrator can check', () => {
  const elevated = (d: MachineDescriptionInput): MachineDescriptionInput => ({
    ...d,
    os: { ...d.os, elevated: true },
  });
  const unreadable = { ...VALID, privateKey: 'unreadable' } as const;

  it('run as administrator, an unreadable key is found and renewed; the new certificate is usable', async () => {
    const machine = new SimulatedMachine(elevated(host([unreadable])));
    const ctx = context('server01');
    const before = await scan(machine, certificatesRepair, ctx);
    expect(before.finding.status).toBe('problem');
    await apply(machine, before.plan);
    const after = await scan(machine, certificatesRepair, ctx);
    expect(after.finding.status).toBe('ok');
    expect(after.finding.evidence).toContainEqual({
      label: 'Certificate the listener uses',
      value: expect.stringMatching(/private key readable, also by Remote Desktop Services$/),
    });
    expect(machine.snapshot().certificates[RDP_CERTIFICATE_STORE]?.map((c) => c.thumbprint)).not.toContain(
      unreadable.thumbprint,
    );
  });

  it('run as a standard user, the same machine is not called broken: the key was not checked', async () => {
    const { finding, plan } = await scan(
      new SimulatedMachine(host([unreadable])),
      certificatesRepair,
      context('server01'),
    );
    expect(finding.status).toBe('ok');
    expect(finding.evidence.map((e) => e.value).join(' ')).toMatch(/private key not checked/);
    expect(plan).toEqual([]);
  });
});

describe('certificates: the renewal is verified', () => {
  it('an empty store after the restart is still a problem, not OK', async () => {
    const description = host([EXPIRED]);
    const machine = new SimulatedMachine({
      ...description,
      simulation: { sessionEnvIssuesCertificate: false },
    });
    const ctx = context('server01');
    const before = await scan(machine, certificatesRepair, ctx);
    await apply(machine, before.plan);
    const after = await scan(machine, certificatesRepair, ctx);
    expect(after.finding.status).toBe('problem');
    expect(after.finding.summary).toMatch(/has no Remote Desktop certificate/);
  });
});
