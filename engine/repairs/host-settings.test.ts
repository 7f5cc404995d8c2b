import { describe, expect, it } from 'vitest';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import type { MachineDescriptionInput } from '../../shared/machine-description.js';
import type { RegistryValue } from '../../shared/registry.js';
import {
  RDP_TCP_LISTENER_KEY,
  TERMINAL_SERVER_KEY,
  TERMINAL_SERVICES_POLICY_KEY,
} from '../windows/host-mode.js';
import { FIPS_KEY, SCHANNEL_PROTOCOLS_KEY } from '../windows/tls-client.js';
import { hostSettingsRepair } from './host-settings.js';
import { context, machineWith, scan } from './repair-harness.test-support.js';

const dword = (data: number): RegistryValue => ({ type: 'REG_DWORD', data });
const TLS12_SERVER = `${SCHANNEL_PROTOCOLS_KEY}\\TLS 1.2\\Server`;
const TLS13_SERVER = `${SCHANNEL_PROTOCOLS_KEY}\\TLS 1.3\\Server`;

function host(registry: MachineDescriptionInput['registry'] = {}, turnedOn = true) {
  return new SimulatedMachine(
    machineWith({
      registry: {
        [TERMINAL_SERVER_KEY]: { fDenyTSConnections: dword(turnedOn ? 0 : 1) },
        ...registry,
      },
      services: { TermService: { status: 'Running' } },
    }),
  );
}

const text = (evidence: { label: string; value: string }[]) =>
  evidence.map((e) => `${e.label}: ${e.value}`).join('\n');

describe('host-settings: the listener settings that can make this PC refuse (reads, explanations, steps)', () => {
  it('explains each setting it read, with where it came from, and plans nothing', async () => {
    const { finding, plan } = await scan(
      host({
        [RDP_TCP_LISTENER_KEY]: {
          SecurityLayer: dword(1),
          MinEncryptionLevel: dword(2),
          UserAuthentication: dword(1),
          fAllowSecProtocolNegotiation: dword(1),
        },
      }),
      hostSettingsRepair,
      context('localhost'),
    );
    expect(finding.status).toBe('ok');
    const all = text(finding.evidence);
    expect(all).toMatch(/Security layer: Negotiate.*\(RDP-Tcp\)/);
    expect(all).toMatch(/Encryption level: Client compatible \(RDP-Tcp\)/);
    expect(all).toMatch(/Network Level Authentication: required \(RDP-Tcp\)/);
    expect(all).toMatch(/Security protocol negotiation: on/);
    expect(all).toMatch(/TLS as a server: .*TLS 1\.2 on/);
    expect(all).toMatch(/FIPS mode: off/);
    expect(plan).toEqual([]);
  });

  it('lets Group Policy win over the local value, and says so', async () => {
    const { finding } = await scan(
      host({
        [RDP_TCP_LISTENER_KEY]: { UserAuthentication: dword(0), SecurityLayer: dword(2) },
        [TERMINAL_SERVICES_POLICY_KEY]: { UserAuthentication: dword(1), SecurityLayer: dword(0) },
      }),
      hostSettingsRepair,
      context('localhost'),
    );
    expect(text(finding.evidence)).toMatch(/Network Level Authentication: required \(Group Policy\)/);
    expect(text(finding.evidence)).toMatch(/Security layer: RDP Security Layer.*\(Group Policy\)/);
    // Network Level Authentication needs TLS, which the RDP Security Layer cannot carry: steps, no change.
    expect(finding.status).toBe('manual');
    expect(finding.summary).toMatch(/Network Level Authentication/);
    expect(finding.instructions.length).toBeGreaterThan(0);
  });

  it('TLS 1.2 and 1.3 turned off as a server is a refusal with steps', async () => {
    const { finding, plan } = await scan(
      host({
        [TLS12_SERVER]: { Enabled: dword(0) },
        [TLS13_SERVER]: { Enabled: dword(0) },
      }),
      hostSettingsRepair,
      context('localhost'),
    );
    expect(finding.status).toBe('manual');
    expect(finding.summary).toMatch(/TLS 1\.2/);
    expect(finding.instructions.join(' ')).toContain('TLS 1.2\\Server');
    expect(plan).toEqual([]);
  });

  it('shows FIPS mode when it is on', async () => {
    const { finding } = await scan(
      host({ [FIPS_KEY]: { Enabled: dword(1) } }),
      hostSettingsRepair,
      context('localhost'),
    );
    expect(text(finding.evidence)).toMatch(/FIPS mode: on/);
  });

  it('compares PortNumber with the port dialed when the target is this PC', async () => {
    const { finding } = await scan(
      host({ [RDP_TCP_LISTENER_KEY]: { PortNumber: dword(3390) } }),
      hostSettingsRepair,
      context('localhost:3389'),
    );
    expect(finding.status).toBe('manual');
    expect(finding.summary).toMatch(/port 3389.*3390/);
  });

  it('is not applicable when Remote Desktop is off, and incoming when another computer is checked', async () => {
    const off = await scan(host({}, false), hostSettingsRepair, context('localhost'));
    expect(off.finding.status).toBe('not-applicable');
    const other = await scan(host({}), hostSettingsRepair, context('server01.contoso.com'));
    expect(other.finding.incoming).toBe(true);
  });

  it('a setting that could not be read is unknown, never a refusal', () => {
    const ctx = {
      ...context('localhost'),
      hostMode: { acceptsConnections: true, turnedOn: true, sentence: '' },
    };
    const denied = {
      ok: false as const,
      error: { code: 'access-denied' as const, message: 'Access is denied.' },
    };
    const results = hostSettingsRepair.reads(ctx).map(() => denied);
    const finding = hostSettingsRepair.diagnose(ctx, results);
    expect(finding.status).toBe('unknown');
    expect(text(finding.evidence)).toMatch(/Security layer: could not check: Access is denied\./);
  });
});
