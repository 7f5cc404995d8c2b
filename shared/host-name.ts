import { punycodeDecode, punycodeEncode } from './punycode.js';

/*
 * The host name is the only free text that reaches the machine. One validator, used by the renderer, main,
 * the CLI and (re-checked) the PowerShell interpreter. It accepts what Remote Desktop Connection accepts:
 * DNS names (internationalised too, as Unicode or xn-- punycode), NetBIOS names, IPv4, IPv6 (bracketed when a
 * port follows; link-local zone ids as Windows writes them, fe80::1%12), optional :port 1-65535.
 * Deliberately stricter than mstsc where mstsc's leniency only causes confusion (rules in SECURITY.md):
 * no trailing dot, no IPv4 shorthand or leading zeros (Windows reads 010 as octal), no compatibility
 * characters (full-width letters), and no look-alike labels (Latin mixed with Cyrillic or Greek in one label,
 * or a whole label of Cyrillic/Greek letters that all look Latin).
 */

export interface HostTarget {
  /** The host without port, as typed (IPv6 without brackets, lower case; Unicode names in NFC). */
  host: string;
  /** The port when one was given, else undefined (RDP's default 3389 applies). */
  port: number | undefined;
  kind: 'dns' | 'ipv4' | 'ipv6';
}

export type HostParseResult = { ok: true; target: HostTarget } | { ok: false; message: string };

export const DEFAULT_RDP_PORT = 3389;

/** Longest text worth looking at: a 253-character name plus a port, with room for brackets and a zone. */
const MAX_INPUT_LENGTH = 300;

const OCTET = '(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)';
const IPV4 = new RegExp(`^${OCTET}(\\.${OCTET}){3}$`);
const LABEL_CHARS = /^[\p{L}\p{M}\p{Nd}_-]+$/u;
const HOST_CHARS = /^[\p{L}\p{M}\p{Nd}._\-:[\]%]$/u;
// Cyrillic and Greek letters that render like Latin ones: a label made only of these is a look-alike.
const CYRILLIC_LOOKALIKES = new Set('аеорсухіјѕһӏԁԛԝьпгѵѡҽАВЕЅІЈКМНОРСТХУ');
const GREEK_LOOKALIKES = new Set('αοιικνρτυχΑΒΕΖΗΙΚΜΝΟΡΤΥΧ');

// Modifier letters that read as punctuation (ː ʼ ˈ ꞉): letters to Unicode, colons and quotes to a reader.
const PUNCTUATION_LOOKALIKES = /[\u02b0-\u02ff\ua788-\ua78a]/u;

const isAscii = (text: string): boolean => Array.from(text).every((c) => (c.codePointAt(0) ?? 0) < 0x80);

const fail = (message: string): HostParseResult => ({ ok: false, message });

function describeChar(ch: string): string {
  const code = (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
  return `"${ch}" (U+${code})`;
}

/** The first problem with characters that can never appear, whatever the kind of address. */
function characterProblem(text: string): string | undefined {
  if (/\0/.test(text)) return 'A computer name cannot contain a NUL character.';
  if (/[\r\n\u2028\u2029\u0085]/.test(text)) return 'A computer name cannot contain a line break.';
  if (/\p{Cc}/u.test(text)) return 'A computer name cannot contain tabs or other control characters.';
  if (/\p{Cf}/u.test(text)) {
    return 'A computer name cannot contain invisible formatting characters such as zero-width spaces or direction marks.';
  }
  if (/\p{Cs}/u.test(text)) return 'The name contains a broken Unicode character.';
  return undefined;
}

function isIpv6(text: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(':')) return false;
  const doubleColons = text.split('::').length - 1;
  if (doubleColons > 1) return false;
  if (/:::/.test(text)) return false;
  if (/^:[^:]/.test(text) || /[^:]:$/.test(text)) return false;
  let groups = text.split(':');
  const last = groups[groups.length - 1] ?? '';
  let ipv4Tail = 0;
  if (last.includes('.')) {
    if (!IPV4.test(last)) return false;
    groups = groups.slice(0, -1);
    ipv4Tail = 2;
  }
  const filled = groups.filter((g) => g !== '');
  if (!filled.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const count = filled.length + ipv4Tail;
  return doubleColons === 1 ? count < 8 : count === 8;
}

/** An IPv6 address with an optional Windows zone id (an interface number), only on link-local addresses. */
function parseIpv6(text: string): { host: string } | { problem: string } {
  const [address = '', zone, extra] = text.split('%');
  if (extra !== undefined) return { problem: `"${text}" has more than one % sign.` };
  if (!isIpv6(address)) return { problem: `"${text}" is not a valid IPv6 address.` };
  if (zone === undefined) return { host: address.toLowerCase() };
  if (!/^fe[89ab][0-9a-f]?:/i.test(address)) {
    return { problem: `A zone id (%${zone}) is only meaningful on a link-local fe80:: address.` };
  }
  if (!/^[1-9]\d{0,9}$/.test(zone)) {
    return { problem: `The zone id "%${zone}" must be the interface number Windows shows, such as %12.` };
  }
  return { host: `${address.toLowerCase()}%${zone}` };
}

function parsePort(text: string): number | string {
  if (text.length === 0) return 'Type a port number after the colon, or remove the colon.';
  if (!/^\d+$/.test(text)) return `The port "${text}" must be a number from 1 to 65535.`;
  if (text.length > 1 && text.startsWith('0')) return `The port "${text}" must not start with 0.`;
  const port = Number(text);
  if (text.length > 5 || port < 1 || port > 65535) return `The port ${text} must be from 1 to 65535.`;
  return port;
}

function ipv4Problem(host: string): string {
  const parts = host.split('.');
  if (parts.length !== 4)
    return `"${host}" is not a valid IPv4 address: it needs four numbers separated by dots.`;
  if (parts.some((p) => p.length > 1 && p.startsWith('0'))) {
    return `"${host}" is not a valid IPv4 address: a number with a leading 0 is ambiguous.`;
  }
  return `"${host}" is not a valid IPv4 address: each number must be from 0 to 255.`;
}

function scriptsOf(label: string): Set<'Latin' | 'Cyrillic' | 'Greek'> {
  const scripts = new Set<'Latin' | 'Cyrillic' | 'Greek'>();
  if (/\p{Script=Latin}/u.test(label)) scripts.add('Latin');
  if (/\p{Script=Cyrillic}/u.test(label)) scripts.add('Cyrillic');
  if (/\p{Script=Greek}/u.test(label)) scripts.add('Greek');
  return scripts;
}

/** The look-alike rule for one label (in its Unicode form), given the script of the top-level label. */
function lookAlikeProblem(label: string, shown: string, tldScripts: Set<string>): string | undefined {
  const scripts = [...scriptsOf(label)];
  if (scripts.length > 1) {
    return `The part "${shown}" mixes ${scripts.join(' and ')} letters, which is how look-alike names are made.`;
  }
  const letters = Array.from(label).filter((c) => /\p{L}/u.test(c));
  for (const [script, lookalikes] of [
    ['Cyrillic', CYRILLIC_LOOKALIKES],
    ['Greek', GREEK_LOOKALIKES],
  ] as const) {
    if (scripts[0] !== script || tldScripts.has(script) || letters.length === 0) continue;
    if (letters.every((c) => lookalikes.has(c))) {
      return `The part "${shown}" is written in ${script} letters that look like Latin ones.`;
    }
  }
  if (/[0-9]/.test(label) && /[^\P{Nd}0-9]/u.test(label)) {
    return `The part "${shown}" mixes digits from different number systems.`;
  }
  return undefined;
}

/** One label of a DNS or NetBIOS name: its problem, or its Unicode form and its length on the wire. */
function checkLabel(label: string): { unicode: string; asciiLength: number } | { problem: string } {
  const shown = label.length > 24 ? `${label.slice(0, 20)}…` : label;
  if (!LABEL_CHARS.test(label)) {
    return {
      problem:
        'A computer name may contain only letters, digits, hyphens and dots (for example server01 or pc.contoso.com).',
    };
  }
  if (/^[-_]|[-_]$/.test(label))
    return { problem: `The part "${shown}" cannot start or end with a hyphen or an underscore.` };
  if (/^\p{M}/u.test(label)) return { problem: `The part "${shown}" cannot start with a combining mark.` };
  if (label.normalize('NFKC') !== label.normalize('NFC')) {
    return {
      problem: `The part "${shown}" uses compatibility characters (such as full-width letters); type ordinary letters.`,
    };
  }
  if (/^xn--/i.test(label)) {
    const decoded = /^[\x21-\x7e]+$/.test(label) ? punycodeDecode(label.slice(4).toLowerCase()) : undefined;
    const canonical =
      decoded !== undefined &&
      !isAscii(decoded) &&
      LABEL_CHARS.test(decoded) &&
      decoded === decoded.normalize('NFC') &&
      punycodeEncode(decoded) === label.slice(4).toLowerCase();
    if (!canonical) return { problem: `The part "${shown}" is not a valid internationalised (xn--) name.` };
    return { unicode: decoded, asciiLength: label.length };
  }
  const nfc = label.normalize('NFC');
  const asciiLength = isAscii(nfc) ? nfc.length : 4 + punycodeEncode(nfc.toLowerCase()).length;
  if (asciiLength > 63) return { problem: `The part "${shown}" is longer than 63 characters.` };
  return { unicode: nfc, asciiLength };
}

function checkName(host: string): string | undefined {
  if (host.endsWith('.')) return 'Remove the dot at the end of the computer name.';
  if (host.startsWith('.')) return 'A computer name cannot start with a dot.';
  const labels = host.split('.');
  if (labels.some((l) => l.length === 0)) return 'A computer name cannot contain two dots in a row.';
  if (labels.every((l) => /^\d+$/.test(l))) return ipv4Problem(host);
  if (labels.length > 1 && /^\d+$/.test(labels[labels.length - 1] ?? '')) {
    return `"${host}" is neither an IPv4 address nor a name: the last part of a name cannot be only digits.`;
  }
  // NetBIOS names may have underscores; DNS host names may not (RFC 1123), and the interpreter agrees.
  if (labels.length > 1 && host.includes('_')) {
    return 'An underscore is allowed only in a single-label (NetBIOS) name such as build_01, not in a DNS name.';
  }
  const checked = labels.map(checkLabel);
  let wireLength = labels.length - 1;
  for (const result of checked) {
    if ('problem' in result) return result.problem;
    wireLength += result.asciiLength;
  }
  if (wireLength > 253) return 'The computer name is longer than 253 characters.';
  const unicodeLabels = checked.map((c) => ('unicode' in c ? c.unicode : ''));
  const tldScripts =
    labels.length > 1 ? scriptsOf(unicodeLabels[unicodeLabels.length - 1] ?? '') : new Set<string>();
  for (const [index, unicode] of unicodeLabels.entries()) {
    const label = labels[index] ?? '';
    const problem = lookAlikeProblem(
      unicode,
      label.length > 24 ? `${label.slice(0, 20)}…` : label,
      tldScripts,
    );
    if (problem) return problem;
  }
  return undefined;
}

function parseHostPart(hostPart: string, port: number | undefined): HostParseResult {
  if (hostPart.length === 0) return fail('Type the computer name before the port.');
  if (IPV4.test(hostPart)) return { ok: true, target: { host: hostPart, port, kind: 'ipv4' } };
  const problem = checkName(hostPart);
  if (problem) return fail(problem);
  return { ok: true, target: { host: hostPart.normalize('NFC'), port, kind: 'dns' } };
}

export function parseHostTarget(input: string): HostParseResult {
  if (typeof input !== 'string') return fail('Type the name or address of the computer.');
  if (input.length > MAX_INPUT_LENGTH * 4) return fail('That is too long to be a computer name or address.');
  const characters = characterProblem(input);
  if (characters) return fail(characters);
  const text = input.trim();
  if (text.length === 0) return fail('Type the name or address of the computer you cannot reach.');
  if (text.length > MAX_INPUT_LENGTH) return fail('That is too long to be a computer name or address.');
  if (/\s/.test(text)) return fail('A computer name cannot contain spaces.');
  for (const ch of text) {
    if (!HOST_CHARS.test(ch))
      return fail(`The character ${describeChar(ch)} cannot appear in a computer name.`);
    if (PUNCTUATION_LOOKALIKES.test(ch)) {
      return fail(
        `The character ${describeChar(ch)} looks like punctuation and cannot appear in a computer name.`,
      );
    }
  }

  if (text.startsWith('[')) {
    const match = /^\[([^\]]*)\](?::(.*))?$/.exec(text);
    if (!match) return fail(`"${text}" is not a valid bracketed IPv6 address such as [fe80::1]:3389.`);
    const inner = match[1] ?? '';
    if (IPV4.test(inner))
      return fail('Brackets are only for IPv6 addresses; write an IPv4 address without them.');
    const address = parseIpv6(inner);
    if ('problem' in address) return fail(address.problem);
    const port = match[2] === undefined ? undefined : parsePort(match[2]);
    if (typeof port === 'string') return fail(port);
    return { ok: true, target: { host: address.host, port, kind: 'ipv6' } };
  }
  if (text.includes('[') || text.includes(']')) return fail('Brackets may only surround an IPv6 address.');
  if (text.includes('%') && !text.includes(':'))
    return fail(`The character "%" cannot appear in a computer name.`);
  if ((text.match(/:/g) ?? []).length > 1) {
    const address = parseIpv6(text);
    if ('host' in address) return { ok: true, target: { host: address.host, port: undefined, kind: 'ipv6' } };
    return fail(`${address.problem.replace(/\.$/, '')} (put an IPv6 address in [brackets] to add a port).`);
  }
  const [hostPart = '', portPart] = text.split(':');
  if (hostPart.includes('%')) return fail(`The character "%" cannot appear in a computer name.`);
  let port: number | undefined;
  if (portPart !== undefined) {
    const parsed = parsePort(portPart);
    if (typeof parsed === 'string') return fail(parsed);
    port = parsed;
  }
  return parseHostPart(hostPart, port);
}

/** How a target is written back: host, host:port, or [v6]:port. */
export function formatHostTarget(target: HostTarget): string {
  const host = target.kind === 'ipv6' && target.port !== undefined ? `[${target.host}]` : target.host;
  return target.port === undefined ? host : `${host}:${target.port}`;
}
