import { describe, expect, it } from 'vitest';
import { machinesEqual } from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import type { ServerAccepts } from '../../shared/handshake.js';
import type { MachineDescriptionInput } from '../../shared/machine-description.js';
import { recogniseElevatedOps } from '../elevation/elevated-templates.js';
import { inverseBeyondChange } from '../elevation/inverse-bounds.js';
import { schannelClientKey } from '../windows/tls-client.js';
import { probed } from './handshake-fixtures.test-support.js';
import { rdpHandshakeRepair } from './rdp-handshake.js';
import { withTlsClientSettings } from './rdp-handshake-tls-client.js';
import { apply, context, machineWith, scan, undo, valuesAt } from './repair-harness.test-support.js';

const repair = withTlsClientSettings(rdpHandshakeRepair);
const TLS12 = schannelClientKey('TLSv1.2');
const TLS13 = schannelClientKey('TLSv1.3');

function against(accepts: ServerAccepts) {
  return {
    ...context('server01.contoso.com'),
    handshake: {
      ...probed({
        kind: 'selected',
        protocol: 'tls',
        legacy: false,
        tls: { kind: 'alert', detail: 'handshake failure' },
      }),
      serverAccepts: accepts,
      serverAcceptsUnknown: { protocols: [], tlsVersions: [] },
    },
  };
}

/** Windows 11 23H2 with TLS 1.2 turned off (Enabled 0) and TLS 1.3 off by default (DisabledByDefault 1). */
function modernOff(): MachineDescriptionInput {
  return machineWith({
    registry: {
      [TLS12]: { Enabled: { type: 'REG_DWORD', data: 0 } },
      [TLS13]: { DisabledByDefault: { type: 'REG_DWORD', data: 1 }, Enabled: { type: 'REG_DWORD', data: 0 } },
    },
  });
}

describe('TLS client settings in the handshake check', () => {
  it("this PC with 1.2 and 1.3 off: a problem, fixed by Windows' default through the template, undone exactly", async () => {
    const description = modernOff();
    const machine = new SimulatedMachine(description);
    const ctx = against({ protocols: ['tls'], tlsVersions: ['TLSv1.2', 'TLSv1.3'] });
    const first = await scan(machine, repair, ctx);
    expect(first.finding.status).toBe('problem');
    expect(first.finding.summary).toContain('This PC has TLS 1.2 and 1.3 turned off');
    expect(first.plan).toHaveLength(1);
    const change = first.plan[0];
    if (!change?.inverse) throw new Error('no change');
    expect(change.scope).toBe('machine');
    expect(recogniseElevatedOps(change.ops)?.id).toBe('schannel-client.restore');
    expect(recogniseElevatedOps(change.inverse)?.id).toBe('schannel-client.put-back');
    expect(inverseBeyondChange(change)).toEqual([]);
    await apply(machine, first.plan);
    expect(valuesAt(machine, TLS12)).toEqual({ Enabled: { type: 'REG_DWORD', data: 1 } });
    expect(valuesAt(machine, TLS13)).toEqual({
      DisabledByDefault: { type: 'REG_DWORD', data: 0 },
      Enabled: { type: 'REG_DWORD', data: 1 },
    });
    const again = await scan(machine, repair, ctx);
    expect(again.finding.status).not.toBe('problem');
    expect(again.plan).toEqual([]);
    await undo(machine, first.plan);
    expect(machinesEqual(machine.snapshot(), new SimulatedMachine(description).snapshot())).toBe(true);
  });

  it('a server with TLS 1.0 only: manual, no change here, TLS 1.0 named only as a temporary workaround', async () => {
    const machine = new SimulatedMachine(
      machineWith({
        os: {
          build: '10.0.26100',
          edition: 'Professional',
          user: 'alice',
          documentsFolder: 'C:\\Users\\alice\\Documents',
        },
      }),
    );
    const result = await scan(machine, repair, against({ protocols: ['tls'], tlsVersions: ['TLSv1'] }));
    expect(result.finding.status).toBe('manual');
    expect(result.finding.summary).toContain('The remote computer speaks only TLS 1.0');
    expect(result.finding.instructions.join(' ')).toContain('temporary workaround');
    expect(result.plan).toEqual([]);
  });

  it("shows this PC's settings beside the handshake, and nothing changes when they match", async () => {
    const machine = new SimulatedMachine(machineWith());
    const result = await scan(machine, repair, against({ protocols: ['tls'], tlsVersions: ['TLSv1.2'] }));
    expect(result.finding.evidence).toContainEqual({
      label: 'TLS versions this PC uses for Remote Desktop',
      value: '1.0, 1.1, 1.2, 1.3',
    });
    expect(result.plan).toEqual([]);
  });
});
