import { describe, expect, it } from 'vitest';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import { verdictOf } from '../verdict.js';
import { probed } from './handshake-fixtures.test-support.js';
import { rdpHandshakeRepair } from './rdp-handshake.js';
import { LOCAL_RELAY_ROW, resolvesToThisPc, withLocalRelay } from './rdp-handshake-local-relay.js';
import { context, machineWith, scan } from './repair-harness.test-support.js';

const repair = withLocalRelay(rdpHandshakeRepair);
const SSH = {
  address: '127.0.0.1',
  port: 3390,
  processId: 4242,
  processName: 'ssh',
  processPath: 'C:\\Windows\\System32\\OpenSSH\\ssh.exe',
};

function closedAt(address: string, port = 3390) {
  return {
    ...context(`${address}:${port}`),
    handshake: {
      ...probed({ kind: 'closed-after-accept' }),
      host: address,
      port,
      addresses: [address],
      address,
    },
  };
}

describe('a target that is this PC', () => {
  it('loopback and own addresses are this PC; another address is not', () => {
    const p = (a: string) => ({ ...probed({ kind: 'filtered' }), addresses: [a], address: a });
    expect(resolvesToThisPc(p('127.0.0.2'), [])).toBe(true);
    expect(resolvesToThisPc(p('::1'), [])).toBe(true);
    expect(resolvesToThisPc(p('192.168.1.20'), ['192.168.1.20'])).toBe(true);
    expect(resolvesToThisPc(p('10.1.2.3'), ['192.168.1.20'])).toBe(false);
  });

  it('an SSH tunnel on this PC that closes: the check names it, and the verdict does not blame the remote computer', async () => {
    const machine = new SimulatedMachine(machineWith({ network: { listeners: [SSH] } }));
    const ctx = closedAt('127.0.0.1');
    const { finding } = await scan(machine, repair, ctx);
    expect(finding.status).toBe('manual');
    expect(finding.summary).toContain(
      'is this PC itself: the connection goes to ssh (C:\\Windows\\System32\\OpenSSH\\ssh.exe), process 4242',
    );
    expect(finding.evidence).toContainEqual({
      label: LOCAL_RELAY_ROW,
      value: 'ssh (C:\\Windows\\System32\\OpenSSH\\ssh.exe), process 4242',
    });
    const verdict = verdictOf([finding], ctx.handshake);
    expect(verdict.side).toBe('network');
    expect(verdict.summary).toContain('tunnel, port forward or relay on this PC');
    expect(verdict.summary).not.toMatch(
      /remote computer (refused|closed)|security product or firewall on the remote computer/,
    );
    expect(verdict.remoteFix).toBeUndefined();
  });

  it('no listener Windows can show: only noted, the verdict as before', async () => {
    const machine = new SimulatedMachine(machineWith());
    const ctx = closedAt('127.0.0.1');
    const { finding } = await scan(machine, repair, ctx);
    expect(finding.evidence.at(-1)?.value).toContain('this PC itself');
    expect(verdictOf([finding], ctx.handshake).side).toBe('remote-pc');
  });

  it('a remote address: nothing added', async () => {
    const machine = new SimulatedMachine(machineWith({ network: { listeners: [SSH] } }));
    const { finding } = await scan(machine, repair, closedAt('10.1.2.3'));
    expect(finding.evidence.some((e) => e.label === LOCAL_RELAY_ROW)).toBe(false);
  });
});
