import { describe, expect, it } from 'vitest';
import { cli, workspace } from './cli-harness.js';

/*
 * Issue 27, point 6 (the engine's half): advice that no longer applies is not given, and an unreachable
 * computer's steps follow what the verdict says ("may be off or asleep"): on, the VPN, then the people who run it.
 */
const onSample = (w: ReturnType<typeof workspace>, ...argv: string[]) =>
  cli(...argv, '--simulate', w.machineFile, '--data-dir', w.dataDir);

type Scan = { findings: { repairId: string; status: string; instructions: string[] }[] };
const steps = (stdout: string, repairId: string) =>
  ((JSON.parse(stdout) as Scan).findings.find((f) => f.repairId === repairId)?.instructions ?? []).join('\n');

describe('advice that applies', () => {
  it('an unreachable computer: first make sure it is on and awake, then the VPN, then its administrator', async () => {
    const w = workspace('host-unreachable.json');
    const run = await onSample(w, 'scan', '--host', 'server01.contoso.com', '--json');
    const handshake = steps(run.stdout, 'rdp-handshake');
    expect(handshake).toMatch(/^Make sure the remote computer is switched on and awake/);
    expect(handshake).toMatch(/connect the VPN to that network first/);
    expect(handshake).toMatch(/TCP port 3389/);
    expect(handshake).toMatch(/whoever runs that computer/);
  });

  it('the VPN card does not point at the UDP fix on a PC that already has it', async () => {
    // tunnel-closes.json: a tunnel that closes the connection, on a PC where "Turn off UDP" is already set.
    const w = workspace('tunnel-closes.json');
    const run = await onSample(w, 'scan', '--host', 'server01.contoso.com', '--json');
    const scan = JSON.parse(run.stdout) as Scan;
    expect(scan.findings.find((f) => f.repairId === 'udp-transport')?.status).toBe('ok');
    const vpn = steps(run.stdout, 'vpn');
    expect(vpn).toMatch(/Disconnect the VPN/);
    expect(vpn).not.toMatch(/"Turn off UDP" fix/);
    expect(vpn).toMatch(/already uses TCP only/);
  });
});
