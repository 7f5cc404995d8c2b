import { describe, expect, it } from 'vitest';
import type { ServerAccepts, TlsVersion } from '../../shared/handshake.js';
import { type ClientSecurity, clientVersion } from '../windows/tls-client.js';
import { probed } from './handshake-fixtures.test-support.js';
import {
  noCommonTlsVersion,
  standardRdpOnly,
  tlsMismatchOf,
  versionWords,
} from './rdp-handshake-tls-mismatch.js';

const ALL: TlsVersion[] = ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'];

/** A client on this build whose listed versions are turned off with Enabled=0. */
function client(build: number, off: TlsVersion[] = [], requiresServerAuthentication = false): ClientSecurity {
  const tree = { values: {}, subkeys: {} as Record<string, never> };
  const names: Record<TlsVersion, string> = {
    TLSv1: 'TLS 1.0',
    'TLSv1.1': 'TLS 1.1',
    'TLSv1.2': 'TLS 1.2',
    'TLSv1.3': 'TLS 1.3',
  };
  const subkeys = Object.fromEntries(
    off.map((v) => [
      names[v],
      {
        values: {},
        subkeys: { Client: { values: { Enabled: { type: 'REG_DWORD', data: 0 } }, subkeys: {} } },
      },
    ]),
  );
  const protocols = { ...tree, subkeys } as never;
  return {
    build,
    versions: ALL.map((v) => clientVersion(v, protocols, build)),
    fips: false,
    requiresServerAuthentication,
  };
}

function server(accepts: ServerAccepts, unknown: ServerAccepts = { protocols: [], tlsVersions: [] }) {
  return {
    ...probed({ kind: 'closed-after-accept' }),
    serverAccepts: accepts,
    serverAcceptsUnknown: unknown,
  };
}

const TLS_ONLY = (tlsVersions: TlsVersion[]): ServerAccepts => ({ protocols: ['tls'], tlsVersions });

describe('no TLS version in common', () => {
  it('a server with TLS 1.0 only, against Windows 11 24H2: the remote computer, naming the versions', () => {
    const m = noCommonTlsVersion(server(TLS_ONLY(['TLSv1'])), client(26100));
    expect(m?.side).toBe('remote-pc');
    expect(m?.summary).toContain(
      'The remote computer speaks only TLS 1.0, which Windows on this PC no longer uses',
    );
    expect(m?.remoteFix?.steps.join(' ')).toContain('36871');
    expect(m?.workaround).toContain('temporary workaround');
    expect(m?.summary).not.toContain('closed the connection');
  });
  it('a server with TLS 1.0 only, against a PC that turned 1.0 off itself: "which this PC has turned off"', () => {
    const m = noCommonTlsVersion(server(TLS_ONLY(['TLSv1'])), client(22631, ['TLSv1', 'TLSv1.1']));
    expect(m?.summary).toContain('The remote computer speaks only TLS 1.0, which this PC has turned off.');
  });
  it('this PC with 1.2 and 1.3 off against a server with 1.2 and 1.3: this PC, with Windows default as the fix', () => {
    const m = noCommonTlsVersion(
      server(TLS_ONLY(['TLSv1.2', 'TLSv1.3'])),
      client(22631, ['TLSv1.2', 'TLSv1.3']),
    );
    expect(m).toMatchObject({ rule: 'this-pc-tls-off', side: 'this-pc' });
    expect(m?.summary).toContain(
      'This PC has TLS 1.2 and 1.3 turned off, and the remote computer speaks only TLS 1.2 and 1.3',
    );
  });
  it('a server with TLS 1.3 only against Windows 10: the remote computer', () => {
    const m = noCommonTlsVersion(server(TLS_ONLY(['TLSv1.3'])), client(19045));
    expect(m).toMatchObject({ rule: 'tls-unsupported-here', side: 'remote-pc' });
    expect(m?.summary).toContain(
      'speaks only TLS 1.3, which Windows on this PC (build 19045) does not support',
    );
  });
  it('a version in common, or one the map could not answer, is no mismatch', () => {
    expect(noCommonTlsVersion(server(TLS_ONLY(['TLSv1.2'])), client(26100))).toBeUndefined();
    const unknown = server(TLS_ONLY(['TLSv1']), { protocols: [], tlsVersions: ['TLSv1.2'] });
    expect(noCommonTlsVersion(unknown, client(26100))).toBeUndefined();
    expect(noCommonTlsVersion(probed({ kind: 'closed-after-accept' }), client(26100))).toBeUndefined();
  });
  it('a server that completes no TLS at all is not a version mismatch', () => {
    expect(
      noCommonTlsVersion(server({ protocols: ['rdp'], tlsVersions: [] }), client(26100)),
    ).toBeUndefined();
  });
});

describe('Standard RDP Security only', () => {
  const rdpOnly = server({ protocols: ['rdp'], tlsVersions: [] });
  it('while this PC requires server authentication: the remote computer', () => {
    const m = standardRdpOnly(rdpOnly, client(26100, [], true));
    expect(m).toMatchObject({ rule: 'standard-rdp-only', side: 'remote-pc' });
    expect(m?.summary).toContain('accepts only Standard RDP Security');
  });
  it('while this PC allows it, or the map is not complete: no mismatch', () => {
    expect(standardRdpOnly(rdpOnly, client(26100))).toBeUndefined();
    const partial = server({ protocols: ['rdp'], tlsVersions: [] }, { protocols: ['tls'], tlsVersions: [] });
    expect(standardRdpOnly(partial, client(26100, [], true))).toBeUndefined();
  });
});

describe('tlsMismatchOf', () => {
  it("without this PC's settings says nothing", () => {
    expect(tlsMismatchOf(server(TLS_ONLY(['TLSv1'])), undefined)).toBeUndefined();
  });
  it('names versions in words', () => {
    expect(versionWords(['TLSv1'])).toBe('TLS 1.0');
    expect(versionWords(['TLSv1', 'TLSv1.1', 'TLSv1.2'])).toBe('TLS 1.0, 1.1 and 1.2');
  });
});
