import { describe, expect, it } from 'vitest';
import type { Finding } from '../shared/findings.js';
import type { HandshakeOutcome, HandshakeProbe } from '../shared/handshake.js';
import { verdictOf } from './verdict.js';

const CERT = {
  subject: 'CN=server01.contoso.com',
  issuer: 'CN=server01.contoso.com',
  subjectAltNames: [],
  notBefore: '2025-06-01T00:00:00.000Z',
  notAfter: '2026-06-01T00:00:00.000Z',
  sha1: 'A'.repeat(40),
  selfSigned: true,
};

function probe(outcome: HandshakeOutcome, probedAt = '2026-11-21T09:00:00.000Z'): HandshakeProbe {
  return {
    host: 'server01.contoso.com',
    port: 3389,
    deadlineMs: 5000,
    elapsedMs: 10,
    probedAt,
    addresses: ['10.1.2.3'],
    outcome,
    simulated: true,
  };
}

const finding = (
  repairId: Finding['repairId'],
  status: Finding['status'],
  summary = `${repairId} ${status}`,
): Finding => ({
  repairId,
  status,
  summary,
  explanation: '',
  evidence: [],
  instructions: [],
});

const healthy = [finding('udp-transport', 'ok'), finding('vpn', 'ok'), finding('connectivity', 'ok')];
const withVpn = [finding('udp-transport', 'ok'), finding('vpn', 'manual'), finding('connectivity', 'ok')];
const tlsOk = (notAfter = '2027-06-01T00:00:00.000Z'): HandshakeOutcome => ({
  kind: 'selected',
  protocol: 'credssp',
  legacy: false,
  tls: { kind: 'established', version: 'TLSv1.2', certificate: { ...CERT, notAfter } },
});

describe('verdict', () => {
  it('none: nothing wrong here and the remote computer answered normally', () => {
    expect(verdictOf(healthy, probe(tlsOk()))).toEqual({
      side: 'none',
      summary: 'No problems found on this PC and the remote computer answered Remote Desktop normally.',
    });
  });

  it('remote-pc: its certificate expired, with the date and the steps for its administrator', () => {
    const verdict = verdictOf(healthy, probe(tlsOk('2025-01-01T00:00:00.000Z')));
    expect(verdict.side).toBe('remote-pc');
    expect(verdict.summary).toBe(
      "The remote computer's Remote Desktop certificate expired on 2025-01-01: it has to be renewed on that computer, not here.",
    );
    expect(verdict.remoteFix?.powershell).toContain(`Cert:\\LocalMachine\\Remote Desktop\\${'A'.repeat(40)}`);
    expect(verdict.remoteFix?.powershell).toContain('Restart-Service -Name SessionEnv');
  });

  it('remote-pc wins over problems on this PC: fixing this PC cannot help then', () => {
    const verdict = verdictOf(
      [finding('udp-transport', 'problem'), ...healthy.slice(1)],
      probe({ kind: 'negotiation-failure', code: 3, name: 'SSL_CERT_NOT_ON_SERVER' }),
    );
    expect(verdict.side).toBe('remote-pc');
    expect(verdict.summary).toMatch(/no usable Remote Desktop certificate/);
  });

  it('remote-pc: TLS could not complete', () => {
    const verdict = verdictOf(
      healthy,
      probe({ kind: 'selected', protocol: 'tls', legacy: false, tls: { kind: 'closed' } }),
    );
    expect(verdict.side).toBe('remote-pc');
    expect(verdict.remoteFix?.powershell).toContain('<THUMBPRINT>');
  });

  it('network: accepted then closed with a VPN in the path; remote-pc without one (an inbound shield)', () => {
    expect(verdictOf(withVpn, probe({ kind: 'closed-after-accept' })).side).toBe('network');
    const remote = verdictOf(healthy, probe({ kind: 'closed-after-accept' }));
    expect(remote.side).toBe('remote-pc');
    expect(remote.summary).toMatch(/security product or firewall on the remote computer/);
  });

  it('network: filtered, or a name that does not resolve, or something else on the port', () => {
    expect(verdictOf(healthy, probe({ kind: 'filtered' })).side).toBe('network');
    expect(verdictOf(healthy, probe({ kind: 'unresolved' })).side).toBe('network');
    expect(
      verdictOf(healthy, probe({ kind: 'not-rdp', firstBytesHex: '', looksLike: 'an HTTP server' })).side,
    ).toBe('network');
  });

  it('remote-pc: refused, nothing listens', () => {
    expect(verdictOf(healthy, probe({ kind: 'refused' })).side).toBe('remote-pc');
  });

  it('this-pc: a problem with evidence here when the handshake is fine, naming the first and counting the rest', () => {
    const verdict = verdictOf(
      [finding('udp-transport', 'problem', 'UDP.'), finding('certificates', 'problem'), finding('vpn', 'ok')],
      probe(tlsOk()),
    );
    expect(verdict).toEqual({ side: 'this-pc', summary: 'UDP. (and 1 more problem on this PC)' });
  });

  it('without a handshake: from the findings alone (connectivity means network)', () => {
    expect(verdictOf([finding('connectivity', 'problem', 'Not reachable.')], undefined)).toEqual({
      side: 'network',
      summary: 'Not reachable.',
    });
    expect(verdictOf(healthy, undefined)).toEqual({ side: 'none', summary: 'No problems found on this PC.' });
  });

  it('unknown when nothing could be judged', () => {
    expect(
      verdictOf([finding('udp-transport', 'unknown'), finding('rdp-handshake', 'not-applicable')], undefined)
        .side,
    ).toBe('unknown');
  });

  it('judges certificate dates at the time of the probe, not the scan', () => {
    expect(
      verdictOf(healthy, probe(tlsOk('2026-12-01T00:00:00.000Z'), '2026-11-30T00:00:00.000Z')).side,
    ).toBe('none');
    expect(
      verdictOf(healthy, probe(tlsOk('2026-12-01T00:00:00.000Z'), '2026-12-02T00:00:00.000Z')).side,
    ).toBe('remote-pc');
  });
});

describe('verdict with a security product flagged here', () => {
  it('accepted then closed, no VPN, and a product on this PC flagged: this PC first, naming both places', () => {
    const flagged = [...healthy, finding('security-software', 'manual')];
    const verdict = verdictOf(flagged, probe({ kind: 'closed-after-accept' }));
    expect(verdict.side).toBe('this-pc');
    expect(verdict.summary).toMatch(
      /security product on this PC .* or an inbound shield on the remote computer/,
    );
  });
});
