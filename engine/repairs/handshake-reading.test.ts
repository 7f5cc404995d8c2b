import { describe, expect, it } from 'vitest';
import { probed } from './handshake-fixtures.test-support.js';
import { SERVER_MAP_LABELS, serverMapEvidence } from './handshake-reading.js';

describe('the server map in words', () => {
  it('no rows when the probe made no map: no address accepted the connection', () => {
    expect(serverMapEvidence(probed({ kind: 'refused' }))).toEqual([]);
  });

  it('every protocol and version in its plain name, in the order of the map', () => {
    const probe = {
      ...probed({ kind: 'selected', protocol: 'tls', legacy: false }),
      serverAccepts: {
        protocols: ['rdp', 'tls', 'credssp', 'credssp-early-auth', 'rdstls'] as const,
        tlsVersions: ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const,
      },
      serverAcceptsUnknown: { protocols: [], tlsVersions: [] },
    };
    expect(serverMapEvidence(probe as never)).toEqual([
      {
        label: SERVER_MAP_LABELS.protocols,
        value: 'Standard RDP Security, TLS, CredSSP (NLA), CredSSP with early user authorization, RDSTLS',
      },
      { label: SERVER_MAP_LABELS.tlsVersions, value: '1.0, 1.1, 1.2, 1.3' },
    ]);
  });
});
