import { describe, expect, it } from 'vitest';
import { buildNumber, schannelClientDefault } from './tls-defaults.js';

describe("Windows' TLS client defaults per build", () => {
  it('Windows 11 24H2 and later: 1.2 and 1.3 on, 1.0 and 1.1 off', () => {
    const build = buildNumber('10.0.26100');
    expect(
      ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'].map((v) => schannelClientDefault(v as never, build)),
    ).toEqual([false, false, true, true]);
  });
  it('Windows 11 23H2: all four on', () => {
    const build = buildNumber('10.0.22631');
    expect(
      ['TLSv1', 'TLSv1.1', 'TLSv1.2', 'TLSv1.3'].every((v) => schannelClientDefault(v as never, build)),
    ).toBe(true);
  });
  it('Windows 10: no TLS 1.3', () => {
    expect(schannelClientDefault('TLSv1.3', buildNumber('10.0.19045'))).toBe(false);
    expect(schannelClientDefault('TLSv1.2', buildNumber('10.0.19045'))).toBe(true);
  });
  it('Windows 7: TLS 1.2 off for clients', () => {
    expect(schannelClientDefault('TLSv1.2', buildNumber('6.1.7601'))).toBe(false);
  });
  it('an unreadable build counts as current Windows 11', () => {
    expect(buildNumber('garbage')).toBe(26100);
  });
});
