import { describe, expect, it } from 'vitest';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import type { MachineDescriptionInput } from '../../shared/machine-description.js';
import { TERMINAL_SERVER_KEY } from '../windows/host-mode.js';
import { hostServicesRepair } from './host-services.js';
import { apply, context, machineWith, scan, undo } from './repair-harness.test-support.js';

type Services = NonNullable<MachineDescriptionInput['services']>;

const HEALTHY: Services = {
  TermService: { status: 'Running', startType: 'Manual' },
  SessionEnv: { status: 'Running', startType: 'Manual' },
  UmRdpService: { status: 'Running', startType: 'Manual' },
  KeyIso: { status: 'Running', startType: 'Manual' },
  CryptSvc: { status: 'Running', startType: 'Automatic' },
  CertPropSvc: { status: 'Stopped', startType: 'Manual' },
};

/** A PC with Remote Desktop turned on (or off) and these services. */
function host(
  services: Partial<Services>,
  turnedOn = true,
  events: MachineDescriptionInput['events'] = [],
): SimulatedMachine {
  return new SimulatedMachine(
    machineWith({
      registry: {
        [TERMINAL_SERVER_KEY]: { fDenyTSConnections: { type: 'REG_DWORD', data: turnedOn ? 0 : 1 } },
      },
      services: { ...HEALTHY, ...services } as Services,
      events,
    }),
  );
}

const scm = (id: number, time: string, param1: string, message: string) => ({
  channel: 'System',
  id,
  time,
  level: 'Error' as const,
  provider: 'Service Control Manager',
  message,
  data: { param1, param2: 'The service cannot be started.' },
});

const text = (evidence: { label: string; value: string }[]) =>
  evidence.map((e) => `${e.label}: ${e.value}`).join('\n');

describe('host-services: the services Remote Desktop needs on this PC as a host', () => {
  it('is ok when Remote Desktop is on and every service it needs can run, with each one in words', async () => {
    const { finding, plan } = await scan(host({}), hostServicesRepair, context('localhost'));
    expect(finding.status).toBe('ok');
    expect(text(finding.evidence)).toMatch(
      /Remote Desktop Services \(TermService\): running, starts manually/,
    );
    expect(text(finding.evidence)).toMatch(
      /Cryptographic Services \(CryptSvc\): running, starts automatically/,
    );
    // A demand-start service that is stopped is how Windows ships it: not a problem.
    expect(text(finding.evidence)).toMatch(/Certificate Propagation \(CertPropSvc\): stopped/);
    expect(plan).toEqual([]);
  });

  it('is not applicable when Remote Desktop is turned off here', async () => {
    const { finding, plan } = await scan(
      host({ SessionEnv: { status: 'Stopped', startType: 'Disabled' } }, false),
      hostServicesRepair,
      context('localhost'),
    );
    expect(finding.status).toBe('not-applicable');
    expect(plan).toEqual([]);
  });

  it('a disabled service is a problem with evidence in words; the fix starts it with the start type Windows ships with, undo puts back exactly what was there', async () => {
    const machine = host({ SessionEnv: { status: 'Stopped', startType: 'Disabled' } });
    const before = machine.snapshot();
    const { finding, plan } = await scan(machine, hostServicesRepair, context('localhost'));
    expect(finding.status).toBe('problem');
    expect(finding.summary).toMatch(/Remote Desktop Configuration \(SessionEnv\) is disabled/);
    expect(text(finding.evidence)).toMatch(/Remote Desktop Configuration \(SessionEnv\): stopped, disabled/);
    expect(plan).toHaveLength(1);
    expect(plan[0]).toMatchObject({
      scope: 'machine',
      ops: [{ op: 'service.setState', name: 'SessionEnv', startType: 'Manual', running: true }],
      inverse: [{ op: 'service.setState', name: 'SessionEnv', startType: 'Disabled', running: false }],
    });
    await apply(machine, plan);
    expect(machine.snapshot().services.SessionEnv).toEqual({ status: 'Running', startType: 'Manual' });
    const after = await scan(machine, hostServicesRepair, context('localhost'));
    expect(after.finding.status).toBe('ok');
    await undo(machine, plan);
    // The service and the record of the state before: exactly as before the fix.
    expect(machine.snapshot()).toEqual(before);
  });

  it('a stopped TermService is a problem (nobody can connect) and is started without changing its start type', async () => {
    const machine = host({ TermService: { status: 'Stopped', startType: 'Automatic' } });
    const before = machine.snapshot();
    const { finding, plan } = await scan(machine, hostServicesRepair, context('localhost'));
    expect(finding.status).toBe('problem');
    expect(finding.summary).toMatch(/Remote Desktop Services \(TermService\) is not running/);
    expect(plan.map((c) => c.ops)).toEqual([
      [{ op: 'service.setState', name: 'TermService', startType: 'Automatic', running: true }],
    ]);
    await apply(machine, plan);
    await undo(machine, plan);
    expect(machine.snapshot()).toEqual(before);
  });

  it('starts what others depend on first, so undo stops them last', async () => {
    const { plan } = await scan(
      host({
        UmRdpService: { status: 'Stopped', startType: 'Disabled' },
        TermService: { status: 'Stopped', startType: 'Disabled' },
        KeyIso: { status: 'Stopped', startType: 'Disabled' },
      }),
      hostServicesRepair,
      context('localhost'),
    );
    expect(plan.map((c) => c.ops[0]?.op === 'service.setState' && c.ops[0].name)).toEqual([
      'KeyIso',
      'TermService',
      'UmRdpService',
    ]);
  });

  it('a start type Windows would not tell is unknown ("could not check"), and nothing is changed on it', async () => {
    const { finding, plan } = await scan(
      host({ KeyIso: { status: 'Stopped', startType: 'unreadable' } }),
      hostServicesRepair,
      context('localhost'),
    );
    expect(finding.status).toBe('unknown');
    expect(text(finding.evidence)).toMatch(
      /CNG Key Isolation \(KeyIso\): stopped; could not check its start type/,
    );
    expect(plan).toEqual([]);
  });

  it('a stopped TermService whose start type Windows would not tell: a problem with steps, no change', async () => {
    const { finding, plan } = await scan(
      host({ TermService: { status: 'Stopped', startType: 'unreadable' } }),
      hostServicesRepair,
      context('localhost'),
    );
    expect(finding.status).toBe('problem');
    expect(finding.instructions.join(' ')).toMatch(/services\.msc.*Remote Desktop Services \(TermService\)/);
    expect(plan).toEqual([]);
  });

  it('a service that is not installed is a problem with steps, never a change', async () => {
    const services = { ...HEALTHY } as Partial<Services>;
    delete services.SessionEnv;
    const machine = new SimulatedMachine(
      machineWith({
        registry: { [TERMINAL_SERVER_KEY]: { fDenyTSConnections: { type: 'REG_DWORD', data: 0 } } },
        services: services as Services,
      }),
    );
    const { finding, plan } = await scan(machine, hostServicesRepair, context('localhost'));
    expect(finding.status).toBe('problem');
    expect(text(finding.evidence)).toMatch(/Remote Desktop Configuration \(SessionEnv\): not installed/);
    expect(finding.instructions.length).toBeGreaterThan(0);
    expect(plan).toEqual([]);
  });

  it('is marked incoming when the check is of a connection to another computer', async () => {
    const { finding } = await scan(
      host({ SessionEnv: { status: 'Stopped', startType: 'Disabled' } }),
      hostServicesRepair,
      context('server01.contoso.com'),
    );
    expect(finding).toMatchObject({ status: 'problem', incoming: true });
    const here = await scan(
      host({ SessionEnv: { status: 'Stopped', startType: 'Disabled' } }),
      hostServicesRepair,
      context('localhost'),
    );
    expect(here.finding.incoming).toBeUndefined();
  });

  it("shows the Service Control Manager's events for these services on the card, newest first, and no others", async () => {
    const { finding } = await scan(
      host({ SessionEnv: { status: 'Stopped', startType: 'Disabled' } }, true, [
        scm(
          7000,
          '2026-11-19T08:00:00Z',
          'Remote Desktop Configuration',
          'The Remote Desktop Configuration service failed to start.',
        ),
        scm(
          7031,
          '2026-11-20T08:00:00Z',
          'Remote Desktop Services',
          'The Remote Desktop Services service terminated unexpectedly.',
        ),
        scm(7000, '2026-11-20T09:00:00Z', 'Print Spooler', 'The Print Spooler service failed to start.'),
      ]),
      hostServicesRepair,
      context('localhost'),
    );
    const lines = finding.evidence.filter((e) => / · System 70\d\d$/.test(e.label));
    expect(lines.map((e) => e.label)).toEqual([
      '2026-11-20 08:00 UTC · System 7031',
      '2026-11-19 08:00 UTC · System 7000',
    ]);
    expect(lines[1]?.value).toMatch(
      /^Remote Desktop Configuration \(SessionEnv\): the service failed to start — /,
    );
  });
});
