import { describe, expect, it } from 'vitest';
import { type HostTarget, parseHostTarget } from '../../shared/host-name.js';
import { changeIdPart, createHostMatcher, type PortlessEntry } from './host-match.js';

function target(text: string): HostTarget {
  const parsed = parseHostTarget(text);
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.target;
}

function matches(
  t: string,
  entry: string,
  store: string[] = [entry],
  portless: PortlessEntry = 'default-port',
) {
  return createHostMatcher(target(t), store)(entry, portless);
}

describe('createHostMatcher', () => {
  it('compares host names case-insensitively', () => {
    expect(matches('server01', 'SERVER01')).toBe(true);
    expect(matches('Server01.Contoso.com', 'server01.contoso.COM')).toBe(true);
    expect(matches('server01', 'server02')).toBe(false);
    expect(matches('server01', 'server011')).toBe(false);
  });

  it('treats a missing port as 3389 in stores that keep the port as typed', () => {
    expect(matches('server01', 'server01:3389')).toBe(true);
    expect(matches('server01:3389', 'server01')).toBe(true);
    expect(matches('server01:3390', 'server01:3390')).toBe(true);
    expect(matches('server01:3390', 'server01')).toBe(false);
    expect(matches('server01', 'server01:3390')).toBe(false);
    expect(matches('server01:3390', 'server01:3391')).toBe(false);
  });

  it('lets a port-less entry stand for any port in stores keyed by host name only', () => {
    expect(matches('server01:3390', 'server01', ['server01'], 'any-port')).toBe(true);
    expect(matches('server01:3390', 'server01:3391', ['server01:3391'], 'any-port')).toBe(false);
    expect(matches('server01', 'server01:3390', ['server01:3390'], 'any-port')).toBe(false);
  });

  it('matches a short name and a full name when no other full name shares the first label', () => {
    expect(matches('server01', 'server01.contoso.com')).toBe(true);
    expect(matches('server01.contoso.com', 'server01')).toBe(true);
    expect(matches('server01:3390', 'server01.contoso.com:3390')).toBe(true);
  });

  it('does not guess when the short name is ambiguous', () => {
    const store = ['server01.contoso.com', 'server01.fabrikam.com'];
    expect(matches('server01', 'server01.contoso.com', store)).toBe(false);
    expect(matches('server01', 'server01.fabrikam.com', store)).toBe(false);
    expect(matches('server01.contoso.com', 'server01', ['server01', 'server01.fabrikam.com'])).toBe(false);
    expect(matches('server01.contoso.com', 'server01.contoso.com', store)).toBe(true);
  });

  it('never matches two different full names or names of different depth only by first label', () => {
    expect(matches('server01.contoso.com', 'server01.fabrikam.com')).toBe(false);
    expect(matches('server01.eu', 'server01.eu.contoso.com')).toBe(false);
  });

  it('compares IP addresses only with themselves', () => {
    expect(matches('10.1.2.3', '10.1.2.3')).toBe(true);
    expect(matches('10.1.2.3', '10.1.2.30')).toBe(false);
    expect(matches('10.1.2.3:3390', '10.1.2.3:3390')).toBe(true);
    expect(matches('fe80::1', 'FE80::1')).toBe(true);
    expect(matches('[fe80::1]:3390', '[fe80::1]:3390')).toBe(true);
    expect(matches('[fe80::1]:3390', 'fe80::1')).toBe(false);
    expect(matches('10.1.2.3', 'server01')).toBe(false);
  });

  it('ignores entries that are not host names', () => {
    expect(matches('server01', '')).toBe(false);
    expect(matches('server01', 'server01 extra')).toBe(false);
    expect(matches('server01', 'C:\\server01')).toBe(false);
  });
});

describe('changeIdPart', () => {
  it('keeps ids safe and distinct', () => {
    const used = new Set<string>();
    expect(changeIdPart('server01.contoso.com', used)).toBe('server01.contoso.com');
    expect(changeIdPart('TERMSRV/[fe80::1]', used)).toBe('TERMSRV__fe80__1_');
    expect(changeIdPart('SERVER01.contoso.com', used)).toBe('SERVER01.contoso.com-2');
    expect(changeIdPart('', used)).toBe('_');
  });
});
