import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadMachineFile } from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import type { PlannedChange } from '../../shared/findings.js';
import type { Op } from '../../shared/ops.js';
import { REPAIRS } from '../repairs/catalogue.js';
import { context, scan } from '../repairs/repair-harness.test-support.js';
import { TERMINAL_SERVICES_KEY, UDP_POLICY_KEY } from '../repairs/udp-transport.js';
import { inverseBeyondChange } from './inverse-bounds.js';

const SAMPLES = new URL('../../sample-machines/', import.meta.url);
const MRU = 'HKCU\\Software\\Microsoft\\Terminal Server Client\\Default';
const SERVERS = 'HKCU\\Software\\Microsoft\\Terminal Server Client\\Servers';
const dword = (data: number) => ({ type: 'REG_DWORD' as const, data });

const change = (ops: Op[], inverse: Op[] | null): PlannedChange => ({
  id: 'saved-host-entry:test',
  repairId: 'saved-host-entry',
  description: 'A change.',
  scope: 'user',
  ops,
  inverse,
});

describe('an undo may put back only what its change touched', () => {
  it('every change any repair plans on any sample keeps its undo within its own reach', async () => {
    let seen = 0;
    for (const file of readdirSync(SAMPLES).filter((f) => f.endsWith('.json'))) {
      const description = loadMachineFile(fileURLToPath(new URL(file, SAMPLES)));
      for (const repair of REPAIRS) {
        const { plan } = await scan(
          new SimulatedMachine(description),
          repair,
          context('server01.contoso.com'),
        );
        for (const planned of plan.filter((c) => c.inverse !== null)) {
          seen += 1;
          expect(inverseBeyondChange(planned), `${file} ${planned.id}`).toEqual([]);
        }
      }
    }
    // The MRU purge, saved server keys, Default.rdp, saved passwords, certificate trust and the UDP fix.
    expect(seen).toBeGreaterThanOrEqual(10);
  });

  it('a harmless HKCU change cannot carry machine-wide policy as its undo', () => {
    const policy: Op = {
      op: 'registry.setValue',
      path: TERMINAL_SERVICES_KEY,
      name: 'fDenyTSConnections',
      value: dword(0),
    };
    const planted = change([{ op: 'registry.deleteValue', path: MRU, name: 'MRU0' }], [policy]);
    expect(inverseBeyondChange(planted)).toEqual([policy]);
  });

  it('values: the same key and name (however spelled), or inside a key written or deleted whole', () => {
    const forward = change(
      [
        { op: 'registry.deleteValue', path: MRU, name: 'MRU0' },
        { op: 'registry.deleteKey', path: `${SERVERS}\\server01` },
      ],
      [
        { op: 'registry.setValue', path: MRU.toUpperCase(), name: 'mru0', value: dword(1) },
        { op: 'registry.writeKey', path: `${SERVERS}\\server01`, tree: { values: {}, subkeys: {} } },
        { op: 'registry.setValue', path: `${SERVERS}\\server01\\Sub`, name: 'X', value: dword(1) },
      ],
    );
    expect(inverseBeyondChange(forward)).toEqual([]);
    const wider: Op[] = [
      { op: 'registry.setValue', path: MRU, name: 'MRU1', value: dword(1) },
      { op: 'registry.writeKey', path: SERVERS, tree: { values: {}, subkeys: {} } },
      { op: 'registry.deleteKey', path: MRU },
      { op: 'registry.readKey', path: MRU },
    ];
    expect(
      inverseBeyondChange(change([{ op: 'registry.deleteValue', path: MRU, name: 'MRU0' }], wider)),
    ).toEqual(wider);
  });

  it('empty keys: only the written key or one above it', () => {
    const udp = change(
      [{ op: 'registry.setValue', path: UDP_POLICY_KEY, name: 'fClientDisableUDP', value: dword(1) }],
      [
        { op: 'registry.deleteValue', path: UDP_POLICY_KEY, name: 'fClientDisableUDP' },
        { op: 'registry.deleteEmptyKey', path: UDP_POLICY_KEY },
        { op: 'registry.deleteEmptyKey', path: TERMINAL_SERVICES_KEY },
      ],
    );
    expect(inverseBeyondChange(udp)).toEqual([]);
    const sibling: Op = { op: 'registry.deleteEmptyKey', path: `${TERMINAL_SERVICES_KEY}\\Other` };
    expect(inverseBeyondChange({ ...udp, inverse: [sibling] })).toEqual([sibling]);
  });

  it('files, saved passwords and every other op: the same thing the change touched', () => {
    const forward: Op[] = [
      { op: 'file.delete', folder: 'documents', name: 'Default.rdp' },
      { op: 'credential.delete', target: 'TERMSRV/server01', type: 'DomainPassword' },
      { op: 'service.restart', name: 'SessionEnv' },
    ];
    const within: Op[] = [
      { op: 'file.write', folder: 'documents', name: 'default.RDP', contentBase64: '', attributes: [] },
      {
        op: 'credential.write',
        target: 'termsrv/SERVER01',
        type: 'Generic',
        user: 'alice',
        persist: 2,
        protectedSecretBase64: 'AAAA',
      },
      { op: 'service.restart', name: 'SessionEnv' },
    ];
    expect(inverseBeyondChange(change(forward, within))).toEqual([]);
    const beyond: Op[] = [
      { op: 'file.delete', folder: 'documents', name: 'Other.rdp' },
      { op: 'credential.delete', target: 'TERMSRV/server02', type: 'Generic' },
      { op: 'service.restart', name: 'TermService' },
      { op: 'app.launchMstsc', host: 'server01' },
    ];
    expect(inverseBeyondChange(change(forward, beyond))).toEqual(beyond);
  });

  it("a service's state goes back only on the service the change started", () => {
    const start: Op = { op: 'service.setState', name: 'SessionEnv', startType: 'Manual', running: true };
    const back: Op = { op: 'service.setState', name: 'SessionEnv', startType: 'Disabled', running: false };
    expect(inverseBeyondChange(change([start], [back]))).toEqual([]);
    const other: Op = { op: 'service.setState', name: 'TermService', startType: 'Disabled', running: false };
    expect(inverseBeyondChange(change([start], [other]))).toEqual([other]);
  });

  it('a change with no undo has nothing to refuse', () => {
    expect(inverseBeyondChange(change([{ op: 'registry.deleteKey', path: MRU }], null))).toEqual([]);
  });
});
