import { describe, expect, it } from 'vitest';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import type { MachineDescriptionInput } from '../../shared/machine-description.js';
import { RDP_TCP_LISTENER_KEY, TERMINAL_SERVER_KEY } from '../windows/host-mode.js';
import { certificatesRepair } from './certificates.js';
import { MY_STORE, RDP_CERTIFICATE_STORE } from './certificates-host.js';
import { context, machineWith, scan } from './repair-harness.test-support.js';

/*
 * Uncertain is not empty: what could not be checked says so ("could not check: why") and never leads to a
 * removal; a certificate is removed only when Windows can be seen to make its replacement.
 */

const EXPIRED = {
  thumbprint: '3F2A9C4B7D1E8F6A5B0C2D3E4F5A6B7C8D9E0F1A',
  subject: 'CN=PC01',
  notAfter: '2026-10-01T00:00:00Z',
};
const VALID = {
  thumbprint: '5A1C3E0F7B2D4C6E8A9B0C1D2E3F405162738495',
  subject: 'CN=PC01',
  notAfter: '2027-05-01T00:00:00Z',
};
type Services = NonNullable<MachineDescriptionInput['services']>;
const RUNNING: Services = { TermService: { status: 'Running' }, SessionEnv: { status: 'Running' } };

/** A PC accepting Remote Desktop connections, with these certificates in the Remote Desktop store. */
function host(
  certificates: NonNullable<MachineDescriptionInput['certificates']>[string],
  extra: Partial<MachineDescriptionInput> = {},
): MachineDescriptionInput {
  return machineWith({
    certificates: { [RDP_CERTIFICATE_STORE]: certificates },
    services: RUNNING,
    ...extra,
    registry: {
      [TERMINAL_SERVER_KEY]: { fDenyTSConnections: { type: 'REG_DWORD', data: 0 } },
      ...extra.registry,
    },
  });
}

const administrator = (d: MachineDescriptionInput): MachineDescriptionInput => ({
  ...d,
  os: { ...d.os, elevated: true },
});

async function scanned(description: MachineDescriptionInput) {
  return scan(new SimulatedMachine(description), certificatesRepair, context('server01'));
}

const removals = (plan: Awaited<ReturnType<typeof scanned>>['plan']) =>
  plan.flatMap((c) => c.ops).filter((op) => op.op === 'certificate.remove');

describe('a certificate store that cannot be opened', () => {
  it('is unknown, says why, and plans nothing (it is not an empty store)', async () => {
    const { finding, plan } = await scanned(
      host([VALID], { certificateStoreErrors: { [RDP_CERTIFICATE_STORE]: 'access-denied' } }),
    );
    expect(finding.status).toBe('unknown');
    expect(finding.summary).toMatch(/^Could not check this computer's Remote Desktop certificate/);
    expect(finding.evidence).toContainEqual({
      label: "This computer's certificates",
      value: expect.stringMatching(/^could not check: .*LocalMachine\\Remote Desktop/),
    });
    expect(plan).toEqual([]);
  });

  it('the My store failing does not make a chosen certificate "not installed"', async () => {
    const { finding, plan } = await scanned(
      host([VALID], {
        registry: {
          [RDP_TCP_LISTENER_KEY]: {
            SSLCertificateSHA1Hash: { type: 'REG_BINARY', data: '1234567890abcdef1234567890abcdef12345678' },
          },
        },
        certificateStoreErrors: { [MY_STORE]: 'failed' },
      }),
    );
    expect(finding.status).toBe('unknown');
    expect(finding.summary).not.toMatch(/not installed/);
    expect(plan).toEqual([]);
  });
});

describe('a private key an administrator could not check', () => {
  it('is unknown with Windows reason, not unreadable, and is never removed', async () => {
    const { finding, plan } = await scanned(administrator(host([{ ...VALID, privateKey: 'unavailable' }])));
    expect(finding.status).toBe('unknown');
    expect(finding.summary).toMatch(/could not be checked/);
    expect(finding.evidence.map((e) => e.value).join(' ')).toMatch(/private key could not be checked: /);
    expect(removals(plan)).toEqual([]);
  });

  it('beside a certificate whose key is fine, the fine one is used and nothing is removed', async () => {
    const other = { ...VALID, thumbprint: '2'.repeat(40), privateKey: 'unavailable' as const };
    const { finding, plan } = await scanned(administrator(host([other, VALID])));
    expect(finding.status).toBe('ok');
    expect(plan).toEqual([]);
  });
});

describe('nothing is removed unless Windows can make the replacement', () => {
  it.each([
    ['stopped', { TermService: { status: 'Running' }, SessionEnv: { status: 'Stopped' } }, /is stopped/],
    ['not installed', { TermService: { status: 'Running' } }, /is not installed/],
  ] as const)('SessionEnv %s: still a problem, with steps, but no removal', async (_, services, why) => {
    const { finding, plan } = await scanned(host([EXPIRED], { services }));
    expect(finding.status).toBe('problem');
    expect(removals(plan)).toEqual([]);
    expect(finding.evidence).toContainEqual({ label: 'Not removed', value: expect.stringMatching(why) });
    expect(finding.instructions.join(' ')).toMatch(/Remote Desktop Configuration/);
  });

  it('a recent event saying Windows could not make a certificate (1057) stops the removal', async () => {
    const { finding, plan } = await scanned(
      host([EXPIRED], {
        events: [
          {
            channel: 'Microsoft-Windows-TerminalServices-RemoteConnectionManager/Admin',
            id: 1057,
            time: '2026-11-19T08:00:00Z',
            level: 'Error',
            provider: 'Microsoft-Windows-TerminalServices-RemoteConnectionManager',
            message:
              'The RD Session Host Server has failed to create a new self signed certificate. The relevant status code was Keyset does not exist.',
          },
        ],
      }),
    );
    expect(finding.status).toBe('problem');
    expect(removals(plan)).toEqual([]);
    expect(finding.evidence).toContainEqual({
      label: '2026-11-19 08:00 UTC · RemoteConnectionManager/Admin 1057',
      value: expect.stringMatching(/could not make a new self-signed certificate/),
    });
    expect(finding.evidence).toContainEqual({
      label: 'Not removed',
      value: expect.stringMatching(/Windows recorded .* that it could not make a new certificate/),
    });
  });

  it('shows the Schannel errors about the listener credential on the certificate card', async () => {
    const { finding } = await scanned(
      host([VALID], {
        events: [
          {
            channel: 'System',
            id: 36870,
            time: '2026-11-19T09:00:00Z',
            level: 'Error',
            provider: 'Schannel',
            message:
              'A fatal error occurred when attempting to access the TLS server credential private key. The error code returned from the cryptographic module is 0x8009030D.',
          },
        ],
      }),
    );
    expect(finding.evidence).toContainEqual({
      label: '2026-11-19 09:00 UTC · System 36870',
      value: expect.stringMatching(/could not use the private key of its TLS certificate/),
    });
  });

  it('with SessionEnv running and nothing against it, the expired certificate is still renewed', async () => {
    const { plan } = await scanned(host([EXPIRED]));
    expect(removals(plan)).toEqual([
      { op: 'certificate.remove', store: RDP_CERTIFICATE_STORE, thumbprint: EXPIRED.thumbprint },
    ]);
  });
});
