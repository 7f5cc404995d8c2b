import { describe, expect, it } from 'vitest';
import { HostInputSchema } from './host-input-schema.js';
import { DEFAULT_RDP_PORT, formatHostTarget, type HostTarget, parseHostTarget } from './host-name.js';
import { OpSchema } from './ops.js';
import { punycodeDecode, punycodeEncode } from './punycode.js';

function accepted(input: string): HostTarget {
  const result = parseHostTarget(input);
  if (!result.ok) throw new Error(`expected "${input}" to be accepted, got: ${result.message}`);
  return result.target;
}

function rejection(input: string): string {
  const result = parseHostTarget(input);
  if (result.ok) throw new Error(`expected "${input}" to be rejected, got ${JSON.stringify(result.target)}`);
  return result.message;
}

describe('parseHostTarget accepts what Remote Desktop Connection accepts', () => {
  it.each([
    ['server01', { host: 'server01', port: undefined, kind: 'dns' }],
    ['SERVER01', { host: 'SERVER01', port: undefined, kind: 'dns' }],
    ['pc.contoso.com', { host: 'pc.contoso.com', port: undefined, kind: 'dns' }],
    ['pc.contoso.com:3390', { host: 'pc.contoso.com', port: 3390, kind: 'dns' }],
    ['  server01  ', { host: 'server01', port: undefined, kind: 'dns' }],
    ['web-01.corp-dev.local', { host: 'web-01.corp-dev.local', port: undefined, kind: 'dns' }],
    ['build_01', { host: 'build_01', port: undefined, kind: 'dns' }],
    [
      'averyveryverylongsinglelabelname',
      { host: 'averyveryverylongsinglelabelname', port: undefined, kind: 'dns' },
    ],
    ['10.0.0.1', { host: '10.0.0.1', port: undefined, kind: 'ipv4' }],
    ['0.0.0.0', { host: '0.0.0.0', port: undefined, kind: 'ipv4' }],
    ['255.255.255.255:65535', { host: '255.255.255.255', port: 65535, kind: 'ipv4' }],
    ['10.0.0.1:1', { host: '10.0.0.1', port: 1, kind: 'ipv4' }],
    ['::1', { host: '::1', port: undefined, kind: 'ipv6' }],
    ['2001:DB8::1', { host: '2001:db8::1', port: undefined, kind: 'ipv6' }],
    ['2001:db8:0:0:0:0:0:1', { host: '2001:db8:0:0:0:0:0:1', port: undefined, kind: 'ipv6' }],
    ['[2001:db8::1]', { host: '2001:db8::1', port: undefined, kind: 'ipv6' }],
    ['[2001:db8::1]:3390', { host: '2001:db8::1', port: 3390, kind: 'ipv6' }],
    ['::ffff:192.0.2.1', { host: '::ffff:192.0.2.1', port: undefined, kind: 'ipv6' }],
    ['fe80::1%12', { host: 'fe80::1%12', port: undefined, kind: 'ipv6' }],
    ['[FE80::1%3]:3389', { host: 'fe80::1%3', port: 3389, kind: 'ipv6' }],
    ['münchen.de', { host: 'münchen.de', port: undefined, kind: 'dns' }],
    ['xn--mnchen-3ya.de', { host: 'xn--mnchen-3ya.de', port: undefined, kind: 'dns' }],
    ['пример.рф', { host: 'пример.рф', port: undefined, kind: 'dns' }],
    ['例え.テスト:3389', { host: '例え.テスト', port: 3389, kind: 'dns' }],
    ['ελληνικά.gr', { host: 'ελληνικά.gr', port: undefined, kind: 'dns' }],
    ['हिन्दी.भारत', { host: 'हिन्दी.भारत', port: undefined, kind: 'dns' }],
  ])('%s', (input, expected) => {
    expect(accepted(input)).toEqual(expected);
  });

  it('treats punycode case-insensitively, as DNS does', () => {
    expect(accepted('XN--MNCHEN-3YA.de').host).toBe('XN--MNCHEN-3YA.de');
  });

  it('gives Unicode names in NFC, so the same name typed two ways is one host', () => {
    expect(accepted('mu\u0308nchen.de').host).toBe('m\u00fcnchen.de');
  });

  it('accepts a name of exactly 253 characters and labels of exactly 63', () => {
    const label = 'a'.repeat(63);
    const name = `${label}.${label}.${label}.${'b'.repeat(61)}`;
    expect(name).toHaveLength(253);
    expect(accepted(name).host).toBe(name);
  });

  it('accepts a NetBIOS name of 15 characters', () => {
    expect(accepted('ABCDEFGHIJKLMNO').kind).toBe('dns');
  });
});

describe('parseHostTarget rejects anything else with one sentence naming the problem', () => {
  it.each([
    ['', /Type the name or address/],
    ['   ', /Type the name or address/],
    ['server 01', /spaces/],
    ['server\n01', /line break/],
    ['server01\r\n', /line break/],
    ['server\u000001', /NUL/],
    ['server\t01', /control characters/],
    ['ser\u200bver', /invisible formatting/],
    ['ser\u202eevil', /invisible formatting/],
    ['server$(calc)', /"\$" \(U\+0024\)/],
    ['server;calc', /";" \(U\+003B\)/],
    ['server`whoami`', /"`" \(U\+0060\)/],
    ["server'", /"'" \(U\+0027\)/],
    ['server\u2019', /U\+2019/],
    ['server"', /U\+0022/],
    ['..\\..\\Windows', /U\+005C/],
    ['server/../x', /U\+002F/],
    ['server:', /Type a port number after the colon/],
    ['server:0', /from 1 to 65535/],
    ['server:65536', /from 1 to 65535/],
    ['server:99999999', /from 1 to 65535/],
    ['server:03389', /must not start with 0/],
    ['server:33a', /must be a number/],
    [':3389', /before the port/],
    ['server.', /Remove the dot at the end/],
    ['.server', /cannot start with a dot/],
    ['a..b', /two dots in a row/],
    ['-server', /hyphen/],
    ['server-.com', /hyphen/],
    ['1.2.3', /four numbers/],
    ['12345', /four numbers/],
    ['256.1.1.1', /from 0 to 255/],
    ['010.0.0.1', /leading 0/],
    ['server.123', /last part of a name cannot be only digits/],
    [`${'a'.repeat(64)}.com`, /longer than 63/],
    [Array.from({ length: 64 }, () => 'abc').join('.'), /longer than 253/],
    ['x'.repeat(400), /too long/],
    ['x'.repeat(5000), /too long/],
    ['2001:db8::1:3389:1:2:3:4:5', /not a valid IPv6/],
    ['1::2::3', /not a valid IPv6/],
    ['2001:db8::g', /not a valid IPv6/],
    ['[2001:db8::1', /bracketed IPv6/],
    ['[2001:db8::1]x', /bracketed IPv6/],
    ['[]', /not a valid IPv6/],
    ['[10.0.0.1]:3389', /Brackets are only for IPv6/],
    ['server]', /Brackets may only surround/],
    ['2001:db8::1%12', /only meaningful on a link-local/],
    ['fe80::1%eth0', /interface number/],
    ['fe80::1%1%2', /more than one %/],
    ['server%1', /"%"/],
    ['[::1]:0', /from 1 to 65535/],
    ['xn--zz.com', /not a valid internationalised/],
    ['xn--server.com', /not a valid internationalised/],
    ['xn--abc.com', /not a valid internationalised/],
    ['ｓｅｒｖｅｒ01', /compatibility characters/],
    ['server\u3002com', /U\+3002/],
    ['\u0301server', /combining mark/],
    ['web_01.contoso.com', /underscore is allowed only in a single-label/],
  ])('%j', (input, message) => {
    const text = rejection(input);
    expect(text).toMatch(message);
    expect(text.trim().split(/(?<=[.!?])\s+(?=[A-Z])/)).toHaveLength(1);
  });
});

describe('look-alike rule', () => {
  it.each([
    ['pаypal.com', /mixes Latin and Cyrillic/],
    ['microsοft.com', /mixes Latin and Greek/],
    ['сервер-αβ.ru', /mixes Cyrillic and Greek/],
    ['аррӏе.com', /Cyrillic letters that look like Latin/],
    ['xn--80ak6aa92e.com', /Cyrillic letters that look like Latin/],
    ['ορτ.com', /Greek letters that look like Latin/],
    ['server1٢', /different number systems/],
  ])('rejects %s', (input, message) => {
    expect(rejection(input)).toMatch(message);
  });

  it('allows Cyrillic look-alike letters when the top-level label is Cyrillic too', () => {
    expect(accepted('сс.рф').host).toBe('сс.рф');
  });

  it('allows a whole Cyrillic label with letters that do not look Latin', () => {
    expect(accepted('сервер.com').host).toBe('сервер.com');
  });
});

describe('formatHostTarget', () => {
  it.each(['server01', 'server01:3390', '10.0.0.1:3389', '[2001:db8::1]:3390', '::1', 'fe80::1%12'])(
    'round-trips %s',
    (input) => {
      expect(formatHostTarget(accepted(input))).toBe(input);
    },
  );

  it('keeps the default port implicit', () => {
    expect(accepted('server01').port).toBeUndefined();
    expect(DEFAULT_RDP_PORT).toBe(3389);
  });
});

describe('HostInputSchema', () => {
  it('passes valid names and reports the validator sentence for invalid ones', () => {
    expect(HostInputSchema.safeParse('server01').success).toBe(true);
    const bad = HostInputSchema.safeParse('a;b');
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toMatch(/cannot appear in a computer name/);
    expect(HostInputSchema.safeParse(42).success).toBe(false);
  });
});

describe('agreement with the interpreter re-check in shared/ops.ts', () => {
  it.each(['münchen.de', 'हिन्दी.भारत', '[fe80::1%12]:3389', 'a_b', '10.0.0.1', '例え.テスト'])(
    'an accepted host %s is valid op data',
    (input) => {
      const { host } = accepted(input);
      expect(OpSchema.safeParse({ op: 'net.resolve', host }).success).toBe(true);
      expect(OpSchema.safeParse({ op: 'app.launchMstsc', host }).success).toBe(true);
    },
  );
});

describe('punycode', () => {
  it.each([
    ['münchen', 'mnchen-3ya'],
    ['аррӏе', '80ak6aa92e'],
    ['例え', 'r8jz45g'],
    ['bücher', 'bcher-kva'],
  ])('encodes %s as %s and back', (unicode, encoded) => {
    expect(punycodeEncode(unicode)).toBe(encoded);
    expect(punycodeDecode(encoded)).toBe(unicode);
  });

  it.each(['zz', '99999999999', 'a-ü', '-'])('rejects the invalid %j', (encoded) => {
    expect(
      punycodeDecode(encoded) === undefined || punycodeEncode(punycodeDecode(encoded) ?? '') !== encoded,
    ).toBe(true);
  });
});
