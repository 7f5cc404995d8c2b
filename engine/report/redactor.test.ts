import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUZZ_SEED } from '../../test/fuzz/mutations.js';
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

describe('Redactor with certificates', () => {
  const SUBJECT_WINDOWS =
    'CN=rdp.fabrikam-bank.example, OU=Branch 7, O=Fabrikam Bank Ltd, L=Leeds, S=West Yorkshire, C=GB, E=it-admin@fabrikam-bank.example';
  const SUBJECT_NODE =
    'C=GB, ST=West Yorkshire, L=Leeds, O=Fabrikam Bank Ltd, OU=Branch 7, CN=rdp.fabrikam-bank.example, emailAddress=it-admin@fabrikam-bank.example';
  const ISSUER = 'CN=Fabrikam Bank Issuing CA 01, O=Fabrikam Bank Ltd, C=GB';
  const SANS =
    'DNS:rdp.fabrikam-bank.example, DNS:fabrikam-rdp, email:it-admin@fabrikam-bank.example, IP Address:10.1.2.3, URI:https://fabrikam-bank.example/rdp';
  const THUMBPRINT = '0A1B2C3D4E5F60718293A4B5C6D7E8F901234567';
  const PRIVATE = [
    'fabrikam',
    'branch 7',
    'leeds',
    'west yorkshire',
    'it-admin',
    '10.1.2.3',
    'issuing ca',
    'rdp',
  ];
  const hidden = (out: string) => {
    for (const secret of PRIVATE) expect(out.toLowerCase(), secret).not.toContain(secret);
    expect(out).not.toMatch(/[0-9a-f]{40}/i);
  };

  it('cuts a subject to its redacted CN, as Windows and as Node write it', () => {
    const r = new Redactor({ hosts: ['rdp.fabrikam-bank.example'] });
    expect(r.redact(`Subject: ${SUBJECT_WINDOWS}; again: ${SUBJECT_NODE}.`)).toBe(
      'Subject: CN=host-1; again: CN=host-1.',
    );
  });

  it('cuts an issuer whose CN is not a host name to a name placeholder', () => {
    const out = new Redactor().redact(`issued by ${ISSUER}, valid 2024-07-01`);
    expect(out).toBe('issued by CN=name-1, valid 2024-07-01');
  });

  it('hides quoted and escaped values, and a name with no CN', () => {
    // A value is redacted before it becomes Markdown: a backtick or pipe in a name is part of the name.
    expect(new Redactor().redact('CN=PC01, O=Evil `Corp` | Ltd, L=Leeds')).toBe('CN=host-1');
    const r = new Redactor();
    expect(r.redact('CN=PC01, O="Fabrikam, Bank Ltd", L=Leeds')).toBe('CN=host-1');
    expect(r.redact('CN=PC01, O=Fabrikam\\, Bank Ltd, OU=Branch 7 (North)')).toBe('CN=host-1');
    expect(r.redact('O=Fabrikam Bank Ltd, C=GB')).toBe('(name hidden)');
  });

  it('keeps a wildcard visible and hides its domain', () => {
    const r = new Redactor({ hosts: ['fabrikam-bank.example'] });
    expect(r.redact('CN=*.fabrikam-bank.example, O=Fabrikam Bank Ltd')).toBe('CN=*.host-1');
  });

  it('hides subject alternative names of every kind', () => {
    const out = new Redactor().redact(`CN=pc01 (${SANS}), issued by itself`);
    expect(out).toBe('CN=host-1 (alternative names hidden), issued by itself');
    const windows = new Redactor().redact(
      'DNS Name=rdp.fabrikam-bank.example, RFC822 Name=it-admin@fabrikam-bank.example, IP Address=10.1.2.3',
    );
    expect(windows).toBe('alternative names hidden');
  });

  it('hides a whole certificate line as the handshake check writes it', () => {
    const r = new Redactor({ hosts: ['rdp.fabrikam-bank.example'] });
    const line = `${SUBJECT_NODE} (${SANS}), issued by ${ISSUER}, valid 2024-07-01 to 2025-01-01, thumbprint ${THUMBPRINT}`;
    const out = r.redact(line);
    hidden(out);
    expect(out).toMatch(
      /^CN=host-1 \(alternative names hidden\), issued by CN=name-1, valid 2024-07-01 to 2025-01-01, thumbprint thumbprint-[0-9a-f]{8}$/,
    );
  });

  it('hides the rest of a name or list the check cut short, and keeps the sentence around it', () => {
    const r = new Redactor();
    expect(
      r.redact(
        'CN=PC01, O=Fabrikam, OI… (66 more characters) (DNS:pc01, DNS:fabrik… (9 more characters)), next',
      ),
    ).toBe('CN=host-1 (alternative names hidden), next');
    expect(r.redact('(DNS:pc01, email:it@fabrikam.example, IP … (39 more characters))')).toBe(
      '(alternative names hidden)',
    );
    expect(r.redact('issued by CN=Fabrikam CA, O=Fabrikam\\, Inc., valid from 2024. CN=PC01.')).toBe(
      'issued by CN=name-1, valid from 2024. CN=host-1.',
    );
  });

  it('replaces thumbprints by a digest that matches within one report, however they are written', () => {
    const r = new Redactor();
    const spaced = THUMBPRINT.match(/../g)?.join(' ') ?? '';
    const out = r.redact(
      `${THUMBPRINT} then ${THUMBPRINT.toLowerCase()} then ${spaced}; another 5A1C3E0F7B2D4C6E8A9B0C1D2E3F405162738495`,
    );
    const digests = out.match(/thumbprint-[0-9a-f]{8}/g) ?? [];
    expect(out).not.toMatch(/[0-9A-F]{2}(?: ?[0-9A-F]{2}){19}/i);
    expect(digests).toHaveLength(4);
    expect(new Set(digests.slice(0, 3)).size).toBe(1);
    expect(digests[3]).not.toBe(digests[0]);
    expect(r.redact(THUMBPRINT)).toBe(digests[0]);
  });

  it('gives the same thumbprint another digest in another report', () => {
    const first = new Set(Array.from({ length: 5 }, () => new Redactor().redact(THUMBPRINT)));
    expect(first.size).toBe(5);
  });

  const OWN_WORDS = 'host-1 name-1 (alternative names hidden), issued by thumbprint (name hidden) user ip';
  it('leaves no organisation, place, mail address or other name of a certificate (property)', () => {
    const word = fc.stringMatching(/^[A-Z][a-z]{3,9}$/);
    fc.assert(
      fc.property(word, word, word, word, (org, unit, town, mailbox) => {
        fc.pre(new Set([org, unit, town, mailbox]).size === 4);
        // The redactor's own words (host-1, name-1, "alternative names hidden") are no leak: a name like "Host"
        // or "Name" would be found in them.
        fc.pre([org, unit, town, mailbox].every((w) => !OWN_WORDS.includes(w.toLowerCase())));
        const subject = `CN=${mailbox.toLowerCase()}01.example.org, OU=${unit} Team, O=${org} Holdings Ltd, L=${town}, E=${mailbox}@${org}.example`;
        const out = new Redactor().redact(
          `${subject} (DNS:${org}-gw.example, email:${mailbox}@${unit}.example), issued by CN=${org} CA, O=${org} Holdings Ltd`,
        );
        for (const secret of [org, unit, town, mailbox])
          expect(out.toLowerCase()).not.toContain(secret.toLowerCase());
      }),
      { numRuns: 200, seed: FUZZ_SEED },
    );
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
      { numRuns: 200, seed: FUZZ_SEED },
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

  it('reads a long run of certificate-like text in linear time', () => {
    const runs = [
      'O=a, '.repeat(40_000),
      'CN=x (DNS:a, '.repeat(20_000),
      `CN=${'w '.repeat(100_000)}`,
      `O="${'x, '.repeat(50_000)}`,
      'OU=(('.repeat(40_000),
    ];
    for (const text of runs) {
      const started = performance.now();
      new Redactor().redact(text);
      expect(performance.now() - started, text.slice(0, 20)).toBeLessThan(3000);
    }
  });

  it('keeps every index right when a letter lower-cases to two characters', () => {
    const redactor = new Redactor({ hosts: ['server01.contoso.com'] });
    expect(redactor.redact('İstanbul office: SERVER01.contoso.com is down')).toBe(
      'İstanbul office: host-1 is down',
    );
  });
});
