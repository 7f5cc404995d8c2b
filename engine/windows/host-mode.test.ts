import { describe, expect, it } from 'vitest';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import type { MachineDescriptionInput } from '../../shared/machine-description.js';
import type { OpResult } from '../../shared/ops.js';
import type { RegistryValue } from '../../shared/registry.js';
import {
  HOST_MODE_READS,
  hostModeOf,
  RDP_TCP_LISTENER_KEY,
  TERMINAL_SERVER_KEY,
  TERMINAL_SERVICES_POLICY_KEY,
} from './host-mode.js';

const dword = (data: number): RegistryValue => ({ type: 'REG_DWORD', data });

/** A PC with TermService running and these registry keys: host mode as the scan reads it. */
async function modeOf(registry: MachineDescriptionInput['registry'], running = true) {
  const machine = new SimulatedMachine({
    schemaVersion: 1,
    os: { build: '10.0.22631', edition: 'Professional', user: 'alice', documentsFolder: 'C:\\Docs' },
    registry,
    services: { TermService: { status: running ? 'Running' : 'Stopped' } },
  });
  return hostModeOf(await machine.run(HOST_MODE_READS, { mode: 'read' }));
}

describe('host mode', () => {
  it('reads the local setting, the Group Policy value and the RDP-Tcp listener in the scan batch', () => {
    expect(HOST_MODE_READS).toContainEqual({
      op: 'registry.readValue',
      path: TERMINAL_SERVICES_POLICY_KEY,
      name: 'fDenyTSConnections',
    });
    expect(HOST_MODE_READS).toContainEqual({
      op: 'registry.readValue',
      path: RDP_TCP_LISTENER_KEY,
      name: 'fEnableWinStation',
    });
  });

  it('follows the local setting when no Group Policy sets it', async () => {
    const on = await modeOf({ [TERMINAL_SERVER_KEY]: { fDenyTSConnections: dword(0) } });
    expect(on.acceptsConnections).toBe(true);
    const off = await modeOf({ [TERMINAL_SERVER_KEY]: { fDenyTSConnections: dword(1) } });
    expect(off).toEqual({
      acceptsConnections: false,
      turnedOn: false,
      sentence: expect.stringContaining('Remote Desktop is turned off in its settings'),
    });
  });

  it('lets the Group Policy value win over the local one, and says so', async () => {
    const denied = await modeOf({
      [TERMINAL_SERVER_KEY]: { fDenyTSConnections: dword(0) },
      [TERMINAL_SERVICES_POLICY_KEY]: { fDenyTSConnections: dword(1) },
    });
    expect(denied.acceptsConnections).toBe(false);
    expect(denied.sentence).toContain('Remote Desktop is turned off by Group Policy');
    const allowed = await modeOf({
      [TERMINAL_SERVER_KEY]: { fDenyTSConnections: dword(1) },
      [TERMINAL_SERVICES_POLICY_KEY]: { fDenyTSConnections: dword(0) },
    });
    expect(allowed.acceptsConnections).toBe(true);
    expect(allowed.sentence).toContain('turned on by Group Policy');
  });

  it('says the service is not running when the settings allow connections but TermService is stopped', async () => {
    const mode = await modeOf({ [TERMINAL_SERVICES_POLICY_KEY]: { fDenyTSConnections: dword(0) } }, false);
    expect(mode.acceptsConnections).toBe(false);
    expect(mode.sentence).toContain('the Remote Desktop Services service is not running');
    // Turned on all the same: the services check (engine/repairs/host-services.ts) says why nobody can connect.
    expect(mode.turnedOn).toBe(true);
  });

  it('does not accept connections when the RDP-Tcp listener is turned off (fEnableWinStation 0)', async () => {
    const mode = await modeOf({
      [TERMINAL_SERVER_KEY]: { fDenyTSConnections: dword(0) },
      [RDP_TCP_LISTENER_KEY]: { fEnableWinStation: dword(0) },
    });
    expect(mode.acceptsConnections).toBe(false);
    expect(mode.sentence).toContain('its Remote Desktop listener (RDP-Tcp) is turned off');
    expect(mode.turnedOn).toBe(false);
    const enabled = await modeOf({
      [TERMINAL_SERVER_KEY]: { fDenyTSConnections: dword(0) },
      [RDP_TCP_LISTENER_KEY]: { fEnableWinStation: dword(1) },
    });
    expect(enabled.acceptsConnections).toBe(true);
  });

  it('falls back to the local setting when the policy cannot be read, and says the policy was not checked', () => {
    const results = HOST_MODE_READS.map((op): OpResult => {
      if (op.op === 'service.status') return { ok: true, value: { exists: true, status: 'Running' } };
      if (op.op === 'registry.readValue' && op.path === TERMINAL_SERVER_KEY)
        return { ok: true, value: { exists: true, value: dword(0) } };
      if (op.op === 'registry.readValue' && op.path === TERMINAL_SERVICES_POLICY_KEY)
        return { ok: false, error: { code: 'access-denied', message: 'Access is denied.' } };
      return { ok: true, value: { exists: false } };
    });
    const mode = hostModeOf(results);
    expect(mode.acceptsConnections).toBe(true);
    expect(mode.sentence).toContain('the Group Policy setting could not be read');
  });
});
