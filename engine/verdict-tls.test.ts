import { describe, expect, it } from 'vitest';
import type { Finding } from '../shared/findings.js';
import type { HandshakeOutcome, HandshakeProbe, ServerAccepts } from '../shared/handshake.js';
import { verdictOf } from './verdict.js';
import { CLIENT_ROWS } from './windows/tls-client-evidence.js';

/* The verdict when the two sides have no security in common (issue 24): the side out of the ordinary, in words. */

const NONE: ServerAccepts = { protocols: [], tlsVersions: [] };

function probe(outcome: HandshakeOutcome, serverAccepts: ServerAccepts): HandshakeProbe {
  return {
    host: 'server01.contoso.com',
    port: 3389,
    deadlineMs: 5000,
    elapsedMs: 10,
    probedAt: '2026-11-21T09:00:00.000Z',
    addresses: ['10.1.2.3'],
    outcome,
    simulated: true,
    serverAccepts,
    serverAcceptsUnknown: NONE,
  };
}

/** The handshake check's finding with this PC's rows, as withTlsClientSettings writes them. */
function handshakeFinding(
  versions: string,
  build: number,
  status: Finding['status'] = 'ok',
  auth = 'not required',
): Finding {
  return {
    repairId: 'rdp-handshake',
    status,
    summary: 'handshake',
    explanation: '',
    evidence: [
      { label: CLIENT_ROWS.versions, value: versions },
      { label: CLIENT_ROWS.build, value: String(build) },
      { label: CLIENT_ROWS.serverAuthentication, value: auth },
    ],
    instructions: [],
  };
}

const ok = (f: Finding['repairId']): Finding => ({
  repairId: f,
  status: 'ok',
  summary: '',
  explanation: '',
  evidence: [],
  instructions: [],
});
const TLS_ALERT: HandshakeOutcome = {
  kind: 'selected',
  protocol: 'tls',
  legacy: false,
  tls: { kind: 'alert', detail: 'protocol version' },
};
const SELECTED_RDP: HandshakeOutcome = { kind: 'selected', protocol: 'rdp', legacy: false };

describe('verdict: no security in common', () => {
  it('a server with TLS 1.0 only against Windows 11 24H2: the remote computer, never "closed the connection"', () => {
    const verdict = verdictOf(
      [ok('udp-transport'), handshakeFinding('1.2, 1.3', 26100, 'manual')],
      probe(TLS_ALERT, { protocols: ['tls'], tlsVersions: ['TLSv1'] }),
    );
    expect(verdict.side).toBe('remote-pc');
    expect(verdict.summary).toContain(
      'The remote computer speaks only TLS 1.0, which Windows on this PC no longer uses',
    );
    expect(verdict.summary).not.toMatch(/closed the connection|certificate/);
    expect(verdict.remoteFix?.powershell).toContain('36871');
  });

  it('this PC with TLS 1.2 and 1.3 off against a server with 1.2 and 1.3: this PC', () => {
    const verdict = verdictOf(
      [ok('udp-transport'), handshakeFinding('1.0, 1.1', 22631, 'problem')],
      probe(
        {
          kind: 'selected',
          protocol: 'tls',
          legacy: false,
          tls: { kind: 'alert', detail: 'handshake failure' },
        },
        { protocols: ['tls'], tlsVersions: ['TLSv1.2', 'TLSv1.3'] },
      ),
    );
    expect(verdict.side).toBe('this-pc');
    expect(verdict.summary).toContain(
      'This PC has TLS 1.2 and 1.3 turned off, and the remote computer speaks only TLS 1.2 and 1.3',
    );
    expect(verdict.remoteFix).toBeUndefined();
  });

  it('Standard RDP Security only while this PC requires server authentication: the remote computer', () => {
    const verdict = verdictOf(
      [handshakeFinding('1.2, 1.3', 26100, 'manual', 'required by policy (do not connect without it)')],
      probe(SELECTED_RDP, { protocols: ['rdp'], tlsVersions: [] }),
    );
    expect(verdict.side).toBe('remote-pc');
    expect(verdict.summary).toContain('accepts only Standard RDP Security');
  });

  it('a version in common leaves the verdict as it was', () => {
    const verdict = verdictOf(
      [ok('udp-transport'), handshakeFinding('1.2, 1.3', 26100)],
      probe(SELECTED_RDP, { protocols: ['rdp'], tlsVersions: [] }),
    );
    expect(verdict.side).toBe('none');
  });
});
