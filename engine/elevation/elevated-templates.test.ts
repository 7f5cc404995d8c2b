import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadMachineFile } from '../../machine/simulated/machine-file.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import type { Op } from '../../shared/ops.js';
import { REPAIRS } from '../repairs/catalogue.js';
import { RDP_CERTIFICATE_STORE } from '../repairs/certificates-host.js';
import { context, scan } from '../repairs/repair-harness.test-support.js';
import { TERMINAL_SERVICES_KEY, UDP_POLICY_KEY } from '../repairs/udp-transport.js';
import { SCHANNEL_PROTOCOLS_KEY } from '../windows/tls-client.js';
import { buildElevatedOps, type ElevatedTemplate, recogniseElevatedOps } from './elevated-templates.js';
import { needsElevation } from './needs-elevation.js';

const SAMPLES = new URL('../../sample-machines/', import.meta.url);
const SCHANNEL = SCHANNEL_PROTOCOLS_KEY;
const THUMB = '3F2A9C4B7D1E8F6A5B0C2D3E4F5A6B7C8D9E0F1A';

describe('the elevated templates', () => {
  it('every machine-wide change any repair plans on any sample, and its undo, is built by a template', async () => {
    let seen = 0;
    for (const file of readdirSync(SAMPLES).filter((f) => f.endsWith('.json'))) {
      const description = loadMachineFile(fileURLToPath(new URL(file, SAMPLES)));
      for (const repair of REPAIRS) {
        const { plan } = await scan(
          new SimulatedMachine(description),
          repair,
          context('server01.contoso.com'),
        );
        for (const change of plan.filter(needsElevation)) {
          seen += 1;
          expect(recogniseElevatedOps(change.ops), `${file} ${change.id}`).toBeDefined();
          if (change.inverse)
            expect(recogniseElevatedOps(change.inverse), `${file} ${change.id} undo`).toBeDefined();
        }
      }
    }
    // The UDP fix and the host certificate renewals are among them.
    expect(seen).toBeGreaterThanOrEqual(5);
  });

  it('rebuilds exactly what it recognises', () => {
    const templates: ElevatedTemplate[] = [
      { id: 'udp-policy.set', params: { value: { type: 'REG_DWORD', data: 1 } } },
      { id: 'udp-policy.set', params: { value: { type: 'REG_SZ', data: 'as it was' } } },
      { id: 'udp-policy.remove', params: { emptyKeys: 0 } },
      { id: 'udp-policy.remove', params: { emptyKeys: 2 } },
      { id: 'host-certificate.renew', params: { thumbprints: [THUMB, '0'.repeat(40)] } },
      { id: 'host-certificate.create', params: {} },
      { id: 'schannel-client.restore', params: { values: [{ version: 'TLSv1.2', name: 'Enabled' }] } },
      {
        id: 'schannel-client.restore',
        params: {
          values: [
            { version: 'TLSv1.2', name: 'Enabled' },
            { version: 'TLSv1.3', name: 'DisabledByDefault' },
          ],
        },
      },
      {
        id: 'schannel-client.put-back',
        params: { values: [{ version: 'TLSv1.3', name: 'Enabled', value: { type: 'REG_DWORD', data: 0 } }] },
      },
      { id: 'host-service.start', params: { name: 'SessionEnv', startType: 'Manual' } },
      { id: 'host-service.start', params: { name: 'CryptSvc', startType: 'Automatic' } },
      { id: 'host-service.put-back', params: { name: 'KeyIso', startType: 'Disabled', running: false } },
      { id: 'host-service.put-back', params: { name: 'TermService', startType: 'Disabled', running: true } },
    ];
    for (const template of templates) {
      const ops = buildElevatedOps(template);
      expect(recogniseElevatedOps(ops)).toEqual(template);
    }
  });

  it('recognises nothing else', () => {
    const set = (path: string, name: string): Op => ({
      op: 'registry.setValue',
      path,
      name,
      value: { type: 'REG_DWORD', data: 0 },
    });
    const refused: Op[][] = [
      [],
      [set(TERMINAL_SERVICES_KEY, 'fDenyTSConnections')],
      [set(UDP_POLICY_KEY, 'Shadow')],
      [set(UDP_POLICY_KEY.toLowerCase(), 'fClientDisableUDP')],
      [set(UDP_POLICY_KEY, 'fClientDisableUDP'), set(UDP_POLICY_KEY, 'fClientDisableUDP')],
      [
        { op: 'registry.deleteValue', path: UDP_POLICY_KEY, name: 'fClientDisableUDP' },
        { op: 'registry.deleteEmptyKey', path: TERMINAL_SERVICES_KEY },
      ],
      [{ op: 'registry.deleteKey', path: TERMINAL_SERVICES_KEY }],
      [
        { op: 'certificate.remove', store: 'LocalMachine\\My', thumbprint: THUMB },
        { op: 'service.restart', name: 'SessionEnv' },
      ],
      [
        { op: 'certificate.remove', store: RDP_CERTIFICATE_STORE, thumbprint: THUMB },
        { op: 'service.restart', name: 'TermService' },
      ],
      [{ op: 'certificate.remove', store: RDP_CERTIFICATE_STORE, thumbprint: THUMB }],
      [{ op: 'service.restart', name: 'TermService' }],
      [{ op: 'policy.refresh' }],
      // TLS 1.0 on this PC is never a fix, nor a server-side SCHANNEL value, nor another value of the key.
      [set(`${SCHANNEL}\\TLS 1.0\\Client`, 'Enabled')],
      [set(`${SCHANNEL}\\TLS 1.2\\Server`, 'Enabled')],
      [set(`${SCHANNEL}\\TLS 1.2\\Client`, 'Other')],
      [set(`${SCHANNEL}\\TLS 1.2\\Client`, 'Enabled'), set(`${SCHANNEL}\\TLS 1.2\\Client`, 'Enabled')],
      // A service fix is one service, one op; starting never disables.
      [
        { op: 'service.setState', name: 'SessionEnv', startType: 'Manual', running: true },
        { op: 'service.setState', name: 'KeyIso', startType: 'Manual', running: true },
      ],
      [
        { op: 'service.setState', name: 'SessionEnv', startType: 'Manual', running: true },
        { op: 'service.restart', name: 'SessionEnv' },
      ],
      // More certificates than a Remote Desktop store ever holds.
      [
        ...Array.from(
          { length: 33 },
          (): Op => ({ op: 'certificate.remove', store: RDP_CERTIFICATE_STORE, thumbprint: THUMB }),
        ),
        { op: 'service.restart', name: 'SessionEnv' },
      ],
    ];
    for (const ops of refused) expect(recogniseElevatedOps(ops), JSON.stringify(ops)).toBeUndefined();
  });
});
