import { describe, expect, it } from 'vitest';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import type { MachineDescriptionInput } from '../../shared/machine-description.js';
import { RDP_TCP_LISTENER_KEY, TERMINAL_SERVER_KEY } from '../windows/host-mode.js';
import { hostPortRepair } from './host-port.js';
import { context, machineWith, scan } from './repair-harness.test-support.js';

type Listener = NonNullable<NonNullable<MachineDescriptionInput['network']>['listeners']>[number];

const SVCHOST: Listener = {
  address: '0.0.0.0',
  port: 3389,
  processId: 1184,
  processName: 'svchost',
  processPath: 'C:\\WINDOWS\\system32\\svchost.exe',
};
const OTHER: Listener = {
  address: '0.0.0.0',
  port: 3389,
  processId: 4242,
  processName: 'ngrok',
  processPath: 'C:\\Users\\alice\\AppData\\Local\\ngrok\\ngrok.exe',
};

function host(
  listeners: Listener[],
  options: { portNumber?: number; turnedOn?: boolean; running?: boolean } = {},
) {
  const { portNumber, turnedOn = true, running = true } = options;
  return new SimulatedMachine(
    machineWith({
      registry: {
        [TERMINAL_SERVER_KEY]: { fDenyTSConnections: { type: 'REG_DWORD', data: turnedOn ? 0 : 1 } },
        ...(portNumber === undefined
          ? {}
          : { [RDP_TCP_LISTENER_KEY]: { PortNumber: { type: 'REG_DWORD', data: portNumber } } }),
      },
      services: { TermService: { status: running ? 'Running' : 'Stopped' } },
      network: { hosts: {}, adapters: [], listeners },
    }),
  );
}

const text = (evidence: { label: string; value: string }[]) =>
  evidence.map((e) => `${e.label}: ${e.value}`).join('\n');

describe("host-port: who listens on this PC's Remote Desktop port", () => {
  it("is ok when Remote Desktop Services' service host listens on 3389 (no PortNumber: Windows' 3389)", async () => {
    const { finding, plan } = await scan(host([SVCHOST]), hostPortRepair, context('localhost'));
    expect(finding.status).toBe('ok');
    expect(text(finding.evidence)).toMatch(/Remote Desktop port: 3389/);
    expect(text(finding.evidence)).toMatch(/svchost \(C:\\WINDOWS\\system32\\svchost\.exe\), process 1184/);
    expect(plan).toEqual([]);
  });

  it('another program on the port is a problem with its name and path as data, and steps, never a change', async () => {
    const { finding, plan } = await scan(host([SVCHOST, OTHER]), hostPortRepair, context('localhost'));
    expect(finding.status).toBe('problem');
    expect(finding.summary).toMatch(/Another program listens on port 3389/);
    expect(text(finding.evidence)).toContain(
      'ngrok (C:\\Users\\alice\\AppData\\Local\\ngrok\\ngrok.exe), process 4242',
    );
    expect(finding.instructions.join(' ')).toMatch(/4242/);
    expect(plan).toEqual([]);
  });

  it('a name with control characters stays one line of data', async () => {
    const hostile = { ...OTHER, processName: 'evil\nname\u202e' };
    const { finding } = await scan(host([hostile]), hostPortRepair, context('localhost'));
    expect(finding.evidence.every((e) => !/[\n\u202e]/.test(e.value))).toBe(true);
    expect(finding.summary).not.toMatch(/[\n\u202e]/);
  });

  it('nothing listening while Remote Desktop Services runs is a problem with steps', async () => {
    const { finding } = await scan(host([]), hostPortRepair, context('localhost'));
    expect(finding.status).toBe('problem');
    expect(finding.summary).toMatch(/Nothing listens on port 3389/);
    expect(finding.instructions.length).toBeGreaterThan(0);
  });

  it('reads PortNumber; on a port other than 3389 who listens is not known from this scan: unknown with the command', async () => {
    const { finding } = await scan(
      host([SVCHOST], { portNumber: 3390 }),
      hostPortRepair,
      context('localhost'),
    );
    expect(finding.status).toBe('unknown');
    expect(text(finding.evidence)).toMatch(/3390/);
    expect(finding.instructions.join(' ')).toMatch(/Get-NetTCPConnection -LocalPort 3390 -State Listen/);
  });

  it('is not applicable when Remote Desktop is off, and incoming when another computer is checked', async () => {
    const off = await scan(host([OTHER], { turnedOn: false }), hostPortRepair, context('localhost'));
    expect(off.finding.status).toBe('not-applicable');
    const other = await scan(host([SVCHOST, OTHER]), hostPortRepair, context('server01.contoso.com'));
    expect(other.finding).toMatchObject({ status: 'problem', incoming: true });
  });
});
