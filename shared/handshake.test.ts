import { describe, expect, it } from 'vitest';
import { HandshakeProbeSchema, serverAnswer } from './handshake.js';

const PROBE = {
  host: 'server01.contoso.com',
  port: 3389,
  deadlineMs: 5000,
  elapsedMs: 12,
  probedAt: '2026-11-21T09:00:00.000Z',
  addresses: ['10.1.2.3'],
  address: '10.1.2.3',
  outcome: { kind: 'selected', protocol: 'tls', legacy: false },
  simulated: false,
};

const withMap = (serverAccepts: unknown, serverAcceptsUnknown: unknown) => ({
  ...PROBE,
  serverAccepts,
  serverAcceptsUnknown,
});

describe('the server map in the handshake contract', () => {
  it('carries what the server accepts and which questions went unanswered', () => {
    const probe = HandshakeProbeSchema.parse(
      withMap(
        { protocols: ['rdp', 'tls'], tlsVersions: ['TLSv1.2', 'TLSv1.3'] },
        { protocols: ['rdstls'], tlsVersions: [] },
      ),
    );
    expect(probe.serverAccepts?.protocols).toEqual(['rdp', 'tls']);
    expect(probe.serverAcceptsUnknown?.protocols).toEqual(['rdstls']);
  });

  it('stays optional: a probe from before the map, or one that never reached a listener', () => {
    expect(HandshakeProbeSchema.safeParse(PROBE).success).toBe(true);
  });

  it.each([
    ['out of order', { protocols: ['tls', 'rdp'], tlsVersions: [] }, { protocols: [], tlsVersions: [] }],
    ['repeated', { protocols: ['tls', 'tls'], tlsVersions: [] }, { protocols: [], tlsVersions: [] }],
    ['unknown names', { protocols: ['ssl'], tlsVersions: [] }, { protocols: [], tlsVersions: [] }],
    [
      'a version twice',
      { protocols: [], tlsVersions: ['TLSv1', 'TLSv1'] },
      { protocols: [], tlsVersions: [] },
    ],
    [
      'accepted and unknown at once',
      { protocols: ['tls'], tlsVersions: [] },
      { protocols: ['tls'], tlsVersions: [] },
    ],
    ['one without the other', { protocols: [], tlsVersions: [] }, undefined],
  ])('refuses a map %s', (_, accepts, unknown) => {
    expect(HandshakeProbeSchema.safeParse(withMap(accepts, unknown)).success).toBe(false);
  });

  it('answers yes, no or unknown for one question, for the verdict rules to compare with this PC', () => {
    const probe = HandshakeProbeSchema.parse(
      withMap(
        { protocols: ['credssp'], tlsVersions: ['TLSv1.2'] },
        { protocols: [], tlsVersions: ['TLSv1.3'] },
      ),
    );
    expect(serverAnswer(probe, 'protocols', 'credssp')).toBe('yes');
    expect(serverAnswer(probe, 'protocols', 'tls')).toBe('no');
    expect(serverAnswer(probe, 'tlsVersions', 'TLSv1.2')).toBe('yes');
    expect(serverAnswer(probe, 'tlsVersions', 'TLSv1')).toBe('no');
    expect(serverAnswer(probe, 'tlsVersions', 'TLSv1.3')).toBe('unknown');
    expect(serverAnswer(PROBE as never, 'protocols', 'tls')).toBe('unknown');
  });
});
