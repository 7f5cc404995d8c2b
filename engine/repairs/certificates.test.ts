import { describe, expect, it } from 'vitest';
import { machinesEqual } from '../../machine/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import type { MachineDescriptionInput } from '../../shared/machine-description.js';
import type { OpResult } from '../../shared/ops.js';
import { certificatesRepair, RDP_CERTIFICATE_STORE } from './certificates.js';
import { apply, context, machineWith, NOW, scan, undo, valuesAt } from './repair-harness.test-support.js';
import { TSC_SERVERS_KEY } from './terminal-server-client.js';

const EXPIRED = {
  thumbprint: '3F2A9C4B7D1E8F6A5B0C2D3E4F5A6B7C8D9E0F1A',
  subject: 'CN=PC01',
  notAfter: '2026-10-01T00:00:00Z',
};
const EXPIRING = {
  thumbprint: '1111111111111111111111111111111111111111',
  subject: 'CN=PC01',
  notAfter: '2026-12-03T12:00:00Z', // 13 days after NOW
};
const VALID = {
  thumbprint: '5A1C3E0F7B2D4C6E8A9B0C1D2E3F405162738495',
  subject: 'CN=PC01',
  notAfter: '2026-12-05T12:00:00Z', // 15 days after NOW
};
const CERT_HASH = { type: 'REG_BINARY', data: '00ff10ab' } as const;

type Certificate = { thumbprint: string; subject: string; notAfter: string };

function host(
  certificates: Certificate[],
  extra: Partial<MachineDescriptionInput> = {},
): MachineDescriptionInput {
  return machineWith({
    certificates: { [RDP_CERTIFICATE_STORE]: certificates },
    services: { TermService: { status: 'Running' }, SessionEnv: { status: 'Running' } },
    ...extra,
  });
}

describe('certificates on read results', () => {
  const ctx = context('server01');
  const noServers: OpResult = { ok: true, value: { exists: false } };
  const noService: OpResult = { ok: true, value: { exists: false } };

  it('ignores the certificate store when this computer is not a Remote Desktop host', () => {
    const list: OpResult = { ok: true, value: [EXPIRED] };
    const finding = certificatesRepair.diagnose(ctx, [noServers, noService, list]);
    expect(finding.status).toBe('ok');
    expect(certificatesRepair.plan(ctx, [noServers, noService, list])).toEqual([]);
  });

  it('is unknown when the service status cannot be read and nothing else was found', () => {
    const failed: OpResult = { ok: false, error: { code: 'failed', message: 'RPC server unavailable' } };
    expect(certificatesRepair.diagnose(ctx, [noServers, failed, failed]).status).toBe('unknown');
  });

  it('leaves a certificate whose thumbprint Windows would not accept to the user', () => {
    const running: OpResult = { ok: true, value: { exists: true, status: 'Running' } };
    const list: OpResult = { ok: true, value: [{ ...EXPIRED, thumbprint: 'not-a-thumbprint' }] };
    const finding = certificatesRepair.diagnose(ctx, [noServers, running, list]);
    expect(finding.status).toBe('problem');
    expect(finding.instructions.length).toBeGreaterThan(0);
    expect(certificatesRepair.plan(ctx, [noServers, running, list])).toEqual([]);
  });

  it('accepts lower-case thumbprints with spaces', () => {
    const running: OpResult = { ok: true, value: { exists: true, status: 'Running' } };
    const thumbprint = '3f 2a 9c 4b 7d 1e 8f 6a 5b 0c 2d 3e 4f 5a 6b 7c 8d 9e 0f 1a';
    const list: OpResult = { ok: true, value: [{ ...EXPIRED, thumbprint }] };
    const [change] = certificatesRepair.plan(ctx, [noServers, running, list]);
    expect(change?.ops[0]).toEqual({
      op: 'certificate.remove',
      store: RDP_CERTIFICATE_STORE,
      thumbprint: EXPIRED.thumbprint,
    });
  });
});

describe('certificates on a simulated machine', () => {
  it('removes expired and expiring host certificates irreversibly and restarts SessionEnv', async () => {
    const machine = new SimulatedMachine(host([EXPIRED, EXPIRING, VALID]));
    const ctx = context('server01');
    const before = await scan(machine, certificatesRepair, ctx);
    expect(before.finding.status).toBe('problem');
    expect(before.finding.summary).toBe(
      "This computer's Remote Desktop certificate has expired or expires soon and should be renewed.",
    );
    expect(before.finding.explanation).toContain('0x904');
    expect(
      before.finding.evidence.filter((e) => e.label === 'Expiring certificate').map((e) => e.value),
    ).toEqual([
      `CN=PC01, expired 2026-10-01 (thumbprint ${EXPIRED.thumbprint})`,
      `CN=PC01, expires 2026-12-03 (thumbprint ${EXPIRING.thumbprint})`,
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
    expect(machine.snapshot().certificates[RDP_CERTIFICATE_STORE]).toEqual([VALID]);
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
    expect(before.finding.status).toBe('warning');
    expect(before.finding.summary).toBe(
      'Remote Desktop remembers a certificate for server01:3390 that may be out of date; clearing it makes Windows check again.',
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
