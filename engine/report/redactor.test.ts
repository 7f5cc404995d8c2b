import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Redactor } from './redactor.js';

describe('Redactor', () => {
  it('gives the known target host the first placeholder, and its short name the same one', () => {
    const r = new Redactor({ hosts: ['server01.contoso.com'] });
    const out = r.redact('Connecting to SERVER01.contoso.com failed; server01 did not answer. server01.');
    expect(out).toBe('Connecting to host-1 failed; host-1 did not answer. host-1.');
  });

  it('maps a known short name and its FQDN found later to one placeholder', () => {
    const r = new Redactor({ hosts: ['server01'] });
    expect(r.redact('server01.contoso.com and Server01')).toBe('host-1 and host-1');
  });

  it('keeps placeholders stable across calls and numbers new hosts in order of appearance', () => {
    const r = new Redactor({ hosts: ['a.contoso.com'] });
    expect(r.redact('b.contoso.com then c.fabrikam.net then b.contoso.com')).toBe(
      'host-2 then host-3 then host-2',
    );
    expect(r.redact('a.contoso.com c.fabrikam.net')).toBe('host-1 host-3');
  });

  it('does not hide the short name of a host it merely found (it is often a plain word)', () => {
    const r = new Redactor();
    expect(r.redact('see remote.example.org; the remote computer')).toBe('see host-1; the remote computer');
  });

  it('hides IPv4 addresses but not OS builds or versions', () => {
    const r = new Redactor();
    const out = r.redact(
      '10.1.2.3:3389, 192.168.0.10. Build 10.0.22631, PowerShell 5.1.22621.4391, 10.1.2.3',
    );
    expect(out).toBe('ip-1:3389, ip-2. Build 10.0.22631, PowerShell 5.1.22621.4391, ip-1');
  });

  it('does not take part of a longer number for an address', () => {
    const r = new Redactor({ hosts: ['10.1.2.3'] });
    expect(r.redact('110.1.2.3 and 10.1.2.3')).toBe('ip-2 and ip-1');
  });

  it('hides IPv6 addresses in every notation, with brackets, zones and ports', () => {
    const r = new Redactor();
    const out = r.redact(
      'fe80::1 [FE80:0:0:0:0:0:0:1]:3389 2001:db8::8a2e:370:7334. fe80::1%12 ::ffff:10.1.2.3 and at 10:00:00',
    );
    expect(out).toBe('ip-1 [ip-1]:3389 ip-2. ip-3 ip-4 and at 10:00:00');
  });

  it('does not treat ISO times or MAC-like strings as IPv6', () => {
    const r = new Redactor();
    const text = '2026-11-20T10:00:00Z 00:1A:2B:3C:4D:5E 12:30';
    expect(r.redact(text)).toBe(text);
  });

  it('hides user names plain, with a domain, as UPN and in profile paths', () => {
    const r = new Redactor({ users: ['CONTOSO\\alice'] });
    const out = r.redact(
      'alice, CONTOSO\\alice, Alice@contoso.com, C:\\Users\\alice\\Documents, C:\\Users\\bob.smith\\Desktop, bob.smith',
    );
    // A UPN is one account; the domain of DOMAIN\user is hidden like a host.
    expect(out).toBe(
      'user-1, user-1, user-1, C:\\Users\\user-1\\Documents, C:\\Users\\user-2\\Desktop, user-2',
    );
    expect(r.redact('CONTOSO')).toBe('host-1');
  });

  it('does not hide a user name inside longer words', () => {
    const r = new Redactor({ users: ['ann'] });
    expect(r.redact('Connection annotated by ann')).toBe('Connection annotated by user-1');
  });

  it('leaves Public and Default profile folders alone', () => {
    const r = new Redactor();
    expect(r.redact('C:\\Users\\Public\\Documents')).toBe('C:\\Users\\Public\\Documents');
  });

  it('finds hosts in credential targets, .rdp files, certificate subjects and host:port', () => {
    const r = new Redactor();
    const out = r.redact(
      'TERMSRV/server02 full address:s:server03:3390 CN=PC01 MRU1 = server04:3391 then server02, pc01, server03, server04',
    );
    expect(out).toBe(
      'TERMSRV/host-1 full address:s:host-2:3390 CN=host-3 MRU1 = host-4:3391 then host-1, host-3, host-2, host-4',
    );
  });

  it('finds hosts in MRU entries and Servers keys, and users in labelled evidence', () => {
    const r = new Redactor();
    const out = r.redact(
      [
        '- MRU0: `server05`',
        'MRU1=[fe80::9]:3390',
        'HKCU\\Software\\Microsoft\\Terminal Server Client\\Servers\\server06',
        '- UsernameHint: `CONTOSO\\carol`',
        'user = dave',
        'server05 server06 carol dave contoso',
      ].join('\n'),
    );
    expect(out).toBe(
      [
        '- MRU0: `host-1`',
        'MRU1=[ip-1]:3390',
        'HKCU\\Software\\Microsoft\\Terminal Server Client\\Servers\\host-2',
        '- UsernameHint: `user-1`',
        'user = user-2',
        'host-1 host-2 user-1 user-2 host-3',
      ].join('\n'),
    );
  });

  it('does not take file names for hosts', () => {
    const r = new Redactor();
    const text = 'Allow mstsc.exe; Default.rdp is hidden; open gpedit.msc; e.g. this; 0x904.';
    expect(r.redact(text)).toBe(text);
  });

  it('hides an IP target as an ip placeholder', () => {
    const r = new Redactor({ hosts: ['10.9.8.7', 'fe80::2'] });
    expect(r.redact('10.9.8.7 / FE80::2')).toBe('ip-1 / ip-2');
  });

  it('escapes regex characters in names', () => {
    const r = new Redactor({ users: ['a+b(c)'] });
    expect(r.redact('user a+b(c) here')).toBe('user user-1 here');
  });

  it('reports what it hid', () => {
    const r = new Redactor({ hosts: ['server01.contoso.com'] });
    r.redact('10.1.2.3');
    expect(Object.fromEntries(r.mapping())).toEqual({
      'server01.contoso.com': 'host-1',
      server01: 'host-1',
      '10.1.2.3': 'ip-1',
    });
  });

  it('returns the text unchanged when there is nothing private', () => {
    expect(new Redactor().redact('Socket closed (0x904).')).toBe('Socket closed (0x904).');
  });
});

describe('Redactor leaves no known value behind (property)', () => {
  const label = fc.stringMatching(/^[a-z][a-z0-9]{2,8}[0-9]$/);
  const octet = fc.integer({ min: 0, max: 255 });
  const ipv4 = fc.tuple(octet, octet, octet, octet).map((parts) => parts.join('.'));
  const ipv6 = fc.array(fc.integer({ min: 1, max: 0xffff }), { minLength: 8, maxLength: 8 }).map((groups) => {
    const hex = groups.map((g) => g.toString(16));
    return `${hex.slice(0, 3).join(':')}::${hex.slice(5).join(':')}`;
  });

  it('hides every seeded host (FQDN and short), user and IP wherever they occur', () => {
    fc.assert(
      fc.property(label, label, label, label, ipv4, ipv6, (shortHost, domain, user, userDomain, v4, v6) => {
        fc.pre(new Set([shortHost, domain, user, userDomain]).size === 4);
        const fqdn = `${shortHost}.${domain}.com`;
        const r = new Redactor({ hosts: [fqdn], users: [`${userDomain}\\${user}`] });
        const text = [
          `Connect to ${fqdn.toUpperCase()}:3389 (${v4}) failed.`,
          `| MRU0 | \`${shortHost}\` |`,
          `TERMSRV/${shortHost} saved for ${userDomain}\\${user} and ${user}@${domain}.com.`,
          `C:\\Users\\${user}\\OneDrive\\Documents\\Default.rdp: full address:s:${fqdn}`,
          `Resolved [${v6}]:3389 and ${v6.toUpperCase()}.`,
          `HKCU\\Software\\Microsoft\\Terminal Server Client\\Servers\\${shortHost}`,
        ].join('\n');
        const out = r.redact(text).toLowerCase();
        for (const secret of [fqdn, shortHost, user, userDomain, `${domain}.com`, v4, v6]) {
          expect(out).not.toContain(secret.toLowerCase());
        }
      }),
      { numRuns: 200 },
    );
  });
});

describe('Redactor with hostile input', () => {
  it('hides a 7,000-character server name without building a regular expression from it', () => {
    const long = `${'a'.repeat(6990)}.contoso.com`;
    const redactor = new Redactor({ hosts: [long] });
    const text = `Event 1024: connecting to ${long} now; again ${long.toUpperCase()}.`;
    const out = redactor.redact(text);
    expect(out).not.toContain('aaaaaaaaaa');
    expect(out).toBe('Event 1024: connecting to host-1 now; again host-1.');
  });

  it('keeps every index right when a letter lower-cases to two characters', () => {
    const redactor = new Redactor({ hosts: ['server01.contoso.com'] });
    expect(redactor.redact('İstanbul office: SERVER01.contoso.com is down')).toBe(
      'İstanbul office: host-1 is down',
    );
  });
});
