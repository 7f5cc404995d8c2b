import { describe, expect, it } from 'vitest';
import { type ClientSecurity, clientVersion } from './tls-client.js';
import { clientEvidence, clientFromEvidence } from './tls-client-evidence.js';

describe("this PC's settings as evidence rows", () => {
  it('read back give the same versions, build and server authentication', () => {
    const protocols = {
      values: {},
      subkeys: {
        'TLS 1.2': {
          values: {},
          subkeys: { Client: { values: { Enabled: { type: 'REG_DWORD', data: 0 } }, subkeys: {} } },
        },
      },
    } as never;
    const client: ClientSecurity = {
      build: 22631,
      versions: (['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'] as const).map((v) =>
        clientVersion(v, protocols, 22631),
      ),
      fips: true,
      cipherPolicy: 'TLS_AES_256_GCM_SHA384\u202e',
      requiresServerAuthentication: true,
    };
    const rows = clientEvidence(client);
    expect(rows[0]?.value).toBe('1.0, 1.1, 1.3');
    expect(rows.find((r) => r.label.startsWith('Cipher'))?.value).not.toContain('\u202e');
    const back = clientFromEvidence(rows);
    expect(back?.versions.map((v) => v.on)).toEqual([true, true, false, true]);
    expect(back).toMatchObject({ build: 22631, fips: true, requiresServerAuthentication: true });
  });
  it('without the rows there is nothing to read', () => {
    expect(clientFromEvidence([{ label: 'Remote computer', value: 'x' }])).toBeUndefined();
  });
});
