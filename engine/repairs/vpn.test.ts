import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadMachineFile } from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import type { OpResult } from '../../shared/ops.js';
import type { RepairContext } from '../repair.js';
import { UDP_POLICY_READ } from '../windows/udp-policy.js';
import { CLOSED } from './handshake-fixtures.test-support.js';
import { activeVpns, vpnRepair } from './vpn.js';

// The handshake saw the connection accepted then closed: the pattern that makes a VPN the suspect.
const ctx: RepairContext = {
  target: { host: 'server01.contoso.com', port: undefined, kind: 'dns' },
  now: new Date('2026-11-21T09:00:00Z'),
  handshake: CLOSED,
};
const ethernet = { name: 'Ethernet', description: 'Intel(R) Ethernet Connection I219-LM', status: 'Up' };
const adapters = (...list: object[]): OpResult[] => [{ ok: true, value: list }];

describe('vpn repair', () => {
  it('reads the adapter list and the "Turn off UDP" policy value', () => {
    expect(vpnRepair.reads(ctx)).toEqual([{ op: 'net.adapters' }, UDP_POLICY_READ]);
  });

  // Issue 27, point 6: advice that no longer applies is not given.
  it('points at the UDP fix only while it is not made', () => {
    const tunnel = adapters(ethernet, { name: 'Tunnel', description: 'WireGuard Tunnel', status: 'Up' });
    const udp = (data: number | undefined): OpResult => ({
      ok: true,
      value: data === undefined ? { exists: false } : { exists: true, value: { type: 'REG_DWORD', data } },
    });
    const stepsWith = (policy: OpResult) =>
      vpnRepair.diagnose(ctx, [...tunnel, policy]).instructions.join(' ');
    expect(stepsWith(udp(undefined))).toMatch(/"Turn off UDP" fix makes Remote Desktop use TCP only/);
    expect(stepsWith(udp(0))).toMatch(/"Turn off UDP" fix/);
    const done = stepsWith(udp(1));
    expect(done).not.toMatch(/"Turn off UDP" fix/);
    expect(done).toMatch(/already uses TCP only/);
    // Unreadable: the step stays as it was (the UDP card says it could not check).
    expect(stepsWith({ ok: false, error: { code: 'failed', message: 'denied' } })).toMatch(
      /"Turn off UDP" fix/,
    );
  });

  it('is ok with only physical adapters', () => {
    const finding = vpnRepair.diagnose(
      ctx,
      adapters(ethernet, { ...ethernet, name: 'Wi-Fi', status: 'Down' }),
    );
    expect(finding.status).toBe('ok');
    expect(finding.evidence).toEqual([{ label: 'Adapters up', value: 'Ethernet' }]);
    expect(vpnRepair.plan(ctx, adapters(ethernet))).toEqual([]);
  });

  it('asks to reconnect an active built-in VPN profile', () => {
    const finding = vpnRepair.diagnose(
      ctx,
      adapters(ethernet, { name: 'Office VPN', description: 'IKEv2', status: 'Up', kind: 'vpn-profile' }),
    );
    expect(finding.status).toBe('manual');
    expect(finding.summary).toContain('Office VPN');
    expect(finding.instructions.join(' ')).toMatch(/disconnect.*connect the VPN again/is);
    expect(finding.evidence[0]?.value).toContain('Windows VPN connection');
  });

  it.each([
    'TAP-Windows Adapter V9',
    'Wintun Userspace Tunnel',
    'WireGuard Tunnel',
    'NordLynx Tunnel',
    'Cisco AnyConnect Secure Mobility Client Virtual Miniport Adapter for Windows x64',
    'PANGP Virtual Ethernet Adapter',
    'Fortinet SSL VPN Virtual Ethernet Adapter',
  ])('recognises the VPN driver "%s" when it is up', (description) => {
    const finding = vpnRepair.diagnose(
      ctx,
      adapters(ethernet, { name: 'Tunnel', description, status: 'Up' }),
    );
    expect(finding.status).toBe('manual');
  });

  it('a VPN is information when the handshake went through it, or when there was no handshake', () => {
    const vpn = adapters(ethernet, { name: 'NordLynx', description: 'NordLynx Tunnel', status: 'Up' });
    const fine = {
      ...ctx,
      handshake: {
        ...CLOSED,
        outcome: { kind: 'selected' as const, protocol: 'credssp' as const, legacy: false },
      },
    };
    expect(vpnRepair.diagnose(fine, vpn)).toMatchObject({
      status: 'ok',
      summary: expect.stringMatching(/answered through the current path/),
    });
    const { handshake: _none, ...unprobed } = ctx;
    expect(vpnRepair.diagnose(unprobed, vpn).status).toBe('ok');
  });

  it('does not count a WAN Miniport adapter (Get-NetAdapter hides them; Windows VPNs come as profiles)', () => {
    expect(
      activeVpns([{ name: 'WAN', description: 'WAN Miniport (SSTP)', status: 'Up', kind: 'adapter' }]),
    ).toEqual([]);
  });

  it('ignores VPN adapters that are not up, and the WAN Miniports every PC has', () => {
    expect(
      activeVpns([
        { name: 'NordLynx', description: 'NordLynx Tunnel', status: 'Disconnected', kind: 'adapter' },
        { name: 'Office VPN', description: 'IKEv2', status: 'Down', kind: 'vpn-profile' },
        { name: 'WAN (IP)', description: 'WAN Miniport (IP)', status: 'Up', kind: 'adapter' },
        { name: 'WAN (NM)', description: 'WAN Miniport (Network Monitor)', status: 'Up', kind: 'adapter' },
      ]),
    ).toEqual([]);
  });

  it('matches on the adapter name when the description is generic', () => {
    const found = activeVpns([
      { name: 'WireGuard: home', description: 'Tunnel', status: 'Up', kind: 'adapter' },
    ]);
    expect(found.map((f) => f.product)).toEqual(['WireGuard']);
  });

  it('is unknown when the adapters cannot be listed or come back malformed', () => {
    expect(
      vpnRepair.diagnose(ctx, [{ ok: false, error: { code: 'failed', message: 'WMI broken' } }]),
    ).toMatchObject({ status: 'unknown', evidence: [{ label: 'Error', value: 'WMI broken' }] });
    expect(vpnRepair.diagnose(ctx, [{ ok: true, value: [{ name: 1 }] }]).status).toBe('unknown');
    expect(vpnRepair.diagnose(ctx, []).status).toBe('unknown');
  });
});

const machine = (name: string) =>
  new SimulatedMachine(
    loadMachineFile(fileURLToPath(new URL(`../../sample-machines/${name}.json`, import.meta.url))),
  );

describe('vpn repair on sample machines', () => {
  it('asks to reconnect the NordLynx tunnel on vpn-connected.json', async () => {
    const results = await machine('vpn-connected').run(vpnRepair.reads(ctx), { mode: 'read' });
    const finding = vpnRepair.diagnose(ctx, results);
    expect(finding.status).toBe('manual');
    expect(finding.evidence.map((e) => e.label)).toEqual(['NordLynx']);
  });

  it('is ok on the machines without a VPN', async () => {
    for (const name of ['antivirus-on', 'host-unreachable']) {
      const results = await machine(name).run(vpnRepair.reads(ctx), { mode: 'read' });
      expect(vpnRepair.diagnose(ctx, results).status).toBe('ok');
    }
  });
});
