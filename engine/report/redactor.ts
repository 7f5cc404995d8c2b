import { createHmac, randomBytes } from 'node:crypto';
import { parseHostTarget } from '../../shared/host-name.js';
import { type CertificateSpan, findCertificateText } from './certificate-text.js';

/*
 * Replaces host names, user names and IP addresses with stable placeholders (host-1, user-1, ip-1) so a report can
 * be posted publicly. The same thing gets the same placeholder everywhere: names are compared case-insensitively,
 * a known host's short name shares its FQDN's placeholder, an IPv6 address is the same however it is written.
 * It errs on the side of hiding: a user or short host name that is also an English word is hidden in prose too.
 * Certificates (certificate-text.ts): a subject or issuer becomes its CN alone, redacted like a host (or name-1
 * when the CN is no host name: "Fabrikam Issuing CA"); alternative names are dropped; a thumbprint becomes a
 * digest keyed by a secret random per Redactor, so two mentions in one report still match and nobody can
 * tell from it which certificate it was.
 */

type Kind = 'host' | 'user' | 'ip' | 'name';

export interface RedactorSeed {
  /** Host names known to be private (the target, hosts of past runs), FQDN or short. */
  hosts?: readonly string[];
  /** User names, plain (alice), DOMAIN\alice or alice@contoso.com. */
  users?: readonly string[];
}

const IPV4 =
  /(?<![\p{L}\p{N}_.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?![\p{N}]|\.\p{N})/gu;
const IPV6_CANDIDATE =
  /(?<![\p{L}\p{N}_:.%])[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*(?:%[0-9A-Za-z]+)?/gu;
const FQDN =
  /(?<![\p{L}\p{N}_.-])(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+(?:\p{L}{2,63}|xn--[a-z0-9-]{1,59})(?![\p{L}\p{N}_-]|\.[\p{L}\p{N}])/giu;
const CREDENTIAL_TARGET = /TERMSRV\/([^\s,;"'`|)\]]+)/giu;
const RDP_FILE_ADDRESS = /full address:s:([^\s"'`|]+)/giu;
const USER_PROFILE = /\\Users\\([^\\\s"'`|]+)/giu;
// Remote Desktop's own records of hosts: the MRU list and the Servers\<host> keys.
const MRU_ENTRY = /\bMRU\d+\s*[:=]\s*`?([^\s,;|`'"]+)/giu;
const SERVERS_KEY = /Terminal Server Client\\Servers\\([^\\\s,;|`'"]+)/giu;
const HOST_WITH_PORT = /(?<![\p{L}\p{N}_.:\\/-])(\p{L}[\p{L}\p{N}_-]{0,62}):\d{2,5}(?![\p{N}])/gu;
const UPN =
  /(?<![\p{L}\p{N}._%+-])([\p{L}\p{N}._%+-]{1,64}@(?:[\p{L}\p{N}-]+\.)+\p{L}{2,63})(?![\p{L}\p{N}-])/gu;
// "user: alice", "UsernameHint = CONTOSO\alice", "user CONTOSO\alice": how evidence names an account.
const USER_LABELLED = /\b(?:user ?name|user|UsernameHint)\s*[:=]\s*`?([^\s,;|`'"]+)/giu;
const USER_QUALIFIED = /\buser\s+([\p{L}\p{N}._-]+\\[\p{L}\p{N}._-]+)/giu;
// A work OneDrive folder carries the organisation's name: "OneDrive - Contoso Ltd".
const ONEDRIVE_ORGANISATION = /OneDrive - ([^\\\r\n"'`|]+)/giu;
const PROFILE_FOLDERS_NOT_USERS = new Set(['public', 'default', 'default user', 'all users']);
// A word.ext that is a file, not a host: mstsc.exe, Default.rdp, gpedit.msc.
const FILE_EXTENSIONS = new Set(
  'exe dll sys rdp msc cpl ps1 psm1 json md txt log evtx reg xml js ts html lnk cer pfx ini bat cmd msi zip'.split(
    ' ',
  ),
);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Expands an IPv6 address to eight 4-digit groups, so fe80::1 and FE80:0:0:0:0:0:0:1 are one address. */
function canonicalIpv6(address: string): string {
  const [bare = '', zone] = address.toLowerCase().split('%');
  let text = bare;
  const v4 = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const missing = 8 - left.length - right.length;
  const groups = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill('0'), ...right];
  const canonical = groups.map((g) => g.padStart(4, '0')).join(':');
  return zone ? `${canonical}%${zone}` : canonical;
}

function isIpv6(text: string): boolean {
  const bare = text.split('%')[0] ?? '';
  const parsed = parseHostTarget(bare);
  return /[0-9a-f]/i.test(bare) && parsed.ok && parsed.target.kind === 'ipv6';
}

function hostOnly(text: string): string {
  const parsed = parseHostTarget(text);
  return parsed.ok ? parsed.target.host : text;
}

const NAME_CHAR = /[\p{L}\p{N}_-]/u;

/** A value is one whole name: no name character just before it, and none (nor ".label") just after. */
function atBoundary(text: string, from: number, to: number): boolean {
  if (from > 0 && NAME_CHAR.test(text[from - 1] ?? '')) return false;
  const next = text[to] ?? '';
  if (NAME_CHAR.test(next)) return false;
  return !(next === '.' && NAME_CHAR.test(text[to + 1] ?? ''));
}

export class Redactor {
  // literal (lower case) → canonical key; canonical key → placeholder.
  private readonly tokens = new Map<string, string>();
  private readonly placeholders = new Map<string, string>();
  private readonly counters: Record<Kind, number> = { host: 0, user: 0, ip: 0, name: 0 };
  // A certificate's CN as found → what replaces its whole name ("CN=host-1").
  private readonly certificateNames = new Map<string, string>();
  private readonly thumbprintKey = randomBytes(32);

  constructor(seed: RedactorSeed = {}) {
    for (const host of seed.hosts ?? []) this.addHost(host, true);
    for (const user of seed.users ?? []) this.addUser(user);
  }

  /** Every private value found so far and its placeholder, for tests and for telling the user what was hidden. */
  mapping(): ReadonlyMap<string, string> {
    const result = new Map<string, string>();
    for (const [literal, key] of this.tokens) result.set(literal, this.placeholders.get(key) ?? '');
    return result;
  }

  /**
   * Finds private values in the text, then replaces every one of them in a single pass. No regular expression
   * is built from the values: a 7,000-character name would overflow one, and its error would print the names.
   * Certificate names and thumbprints are replaced whole first; each other value is found with indexOf,
   * longest first, and counts only at a name boundary outside them.
   */
  redact(text: string): string {
    const certificates = findCertificateText(text);
    this.discover(text, certificates);
    if (this.tokens.size === 0 && certificates.length === 0) return text;
    const taken: { from: number; to: number; placeholder: string }[] = [];
    // Which characters a replacement already covers: one look per candidate, however many replacements.
    const covered = new Uint8Array(text.length);
    const take = (from: number, to: number, placeholder: string) => {
      taken.push({ from, to, placeholder });
      covered.fill(1, from, to);
    };
    for (const c of certificates) take(c.from, c.to, this.certificateText(c));
    // Lower case, one UTF-16 unit for one: the few letters whose lower case is longer (İ) stay as they are, so
    // every index in `lower` is the same index in `text`.
    const lower = text.replace(/[\s\S]/g, (c) => {
      const l = c.toLowerCase();
      return l.length === c.length ? l : c;
    });
    for (const literal of [...this.tokens.keys()].sort((a, b) => b.length - a.length)) {
      const placeholder = this.placeholders.get(this.tokens.get(literal) ?? '');
      if (placeholder === undefined) continue;
      for (let at = lower.indexOf(literal); at >= 0; at = lower.indexOf(literal, at + 1)) {
        const end = at + literal.length;
        if (atBoundary(lower, at, end) && covered.subarray(at, end).indexOf(1) < 0)
          take(at, end, placeholder);
      }
    }
    taken.sort((a, b) => a.from - b.from);
    let out = '';
    let cursor = 0;
    for (const t of taken) {
      out += text.slice(cursor, t.from) + t.placeholder;
      cursor = t.to;
    }
    return out + text.slice(cursor);
  }

  /** Registers the private values the text holds without replacing them, so later calls hide them too. */
  learn(text: string): void {
    this.discover(text, findCertificateText(text));
  }

  /** What replaces a certificate name, a list of alternative names or a thumbprint. */
  private certificateText(span: CertificateSpan): string {
    switch (span.kind) {
      case 'name':
        return span.cn ? (this.certificateNames.get(span.cn) ?? '(name hidden)') : '(name hidden)';
      case 'alternative-names':
        return 'alternative names hidden';
      case 'thumbprint': {
        const digest = createHmac('sha256', this.thumbprintKey).update(span.hex).digest('hex');
        return `thumbprint-${digest.slice(0, 8)}`;
      }
    }
  }

  /** A certificate's CN: a host (or address) when it is one, so it matches the target's placeholder. */
  private addCertificateName(cn: string): void {
    if (this.certificateNames.has(cn)) return;
    const wildcard = cn.startsWith('*.');
    const name = wildcard ? cn.slice(2) : cn;
    const key = parseHostTarget(name).ok ? this.addHost(name, false) : this.addName(name);
    const placeholder = key === undefined ? undefined : this.placeholders.get(key);
    if (placeholder) this.certificateNames.set(cn, `CN=${wildcard ? '*.' : ''}${placeholder}`);
  }

  /** Registers what the text holds, in order of appearance, so numbering follows the reading order. */
  private discover(text: string, certificates: readonly CertificateSpan[]): void {
    const found: { index: number; add: () => void }[] = [];
    const each = (pattern: RegExp, add: (match: RegExpExecArray) => void) => {
      for (const match of text.matchAll(pattern)) found.push({ index: match.index, add: () => add(match) });
    };
    for (const c of certificates) {
      const cn = c.kind === 'name' ? c.cn : undefined;
      if (cn) found.push({ index: c.from, add: () => this.addCertificateName(cn) });
    }
    each(CREDENTIAL_TARGET, (m) => this.addHost(hostOnly(m[1] ?? ''), false));
    each(RDP_FILE_ADDRESS, (m) => this.addHost(hostOnly(m[1] ?? ''), false));
    each(HOST_WITH_PORT, (m) => this.addHost(m[1] ?? '', false));
    each(MRU_ENTRY, (m) => this.addHost(hostOnly(m[1] ?? ''), false));
    each(SERVERS_KEY, (m) => this.addHost(m[1] ?? '', false));
    each(USER_PROFILE, (m) => {
      const name = m[1] ?? '';
      if (!PROFILE_FOLDERS_NOT_USERS.has(name.toLowerCase())) this.addUser(name);
    });
    each(UPN, (m) => this.addUser(m[1] ?? ''));
    each(USER_LABELLED, (m) => this.addUser(m[1] ?? ''));
    each(USER_QUALIFIED, (m) => this.addUser(m[1] ?? ''));
    each(ONEDRIVE_ORGANISATION, (m) => this.addHost(m[1] ?? '', false));
    // A known user seen as DOMAIN\user also reveals the domain (or computer) name.
    for (const [literal, key] of this.tokens) {
      if (!key.startsWith('user:') || /[\\@]/.test(literal)) continue;
      const qualified = new RegExp(
        `(?<![\\\\\\p{L}\\p{N}_.-])([\\p{L}\\p{N}_.-]{1,64})\\\\${escapeRegExp(literal)}(?![\\p{L}\\p{N}_-])`,
        'giu',
      );
      each(qualified, (m) => this.addUser(`${m[1] ?? ''}\\${literal}`));
    }
    each(IPV4, (m) => this.addIp(m[0]));
    each(IPV6_CANDIDATE, (m) => {
      let candidate = m[0].replace(/\.+$/, '');
      if (!isIpv6(candidate) && candidate.endsWith(':') && !candidate.endsWith('::')) {
        candidate = candidate.slice(0, -1);
      }
      if (isIpv6(candidate)) this.addIp(candidate);
    });
    each(FQDN, (m) => {
      const tld = m[0].split('.').pop()?.toLowerCase() ?? '';
      if (!FILE_EXTENSIONS.has(tld)) this.addHost(m[0], false);
    });
    // Stable sort: at one position the specific rules (user profile before FQDN) win.
    found.sort((a, b) => a.index - b.index);
    for (const item of found) item.add();
  }

  private placeholderFor(key: string, kind: Kind): void {
    if (this.placeholders.has(key)) return;
    this.counters[kind] += 1;
    this.placeholders.set(key, `${kind}-${this.counters[kind]}`);
  }

  private addToken(literal: string, key: string): void {
    const lower = literal.toLowerCase();
    if (lower !== '' && !this.tokens.has(lower)) this.tokens.set(lower, key);
  }

  private addIp(address: string): string {
    const key = address.includes(':') ? `ip:${canonicalIpv6(address)}` : `ip:${address}`;
    this.placeholderFor(key, 'ip');
    this.addToken(address, key);
    return key;
  }

  /** A name that is no host or user (a certificate authority's CN): hidden wherever it occurs. */
  private addName(raw: string): string | undefined {
    const lower = raw.trim().toLowerCase();
    if (lower === '') return undefined;
    const key = this.tokens.get(lower) ?? `name:${lower}`;
    this.placeholderFor(key, 'name');
    this.addToken(lower, key);
    return key;
  }

  /**
   * `known` hosts also hide their short name (server01 for server01.contoso.com); hosts merely found in the
   * text do not, since their first label is often a plain word (learn.example.com).
   */
  private addHost(raw: string, known: boolean): string | undefined {
    // Sentence or label punctuation after a name is not part of it: "TERMSRV/server01:" or "server01.".
    const host = hostOnly(raw.trim().replace(/[:.]+$/, ''));
    if (host === '') return undefined;
    const parsed = parseHostTarget(host);
    if (parsed.ok && parsed.target.kind !== 'dns') return this.addIp(parsed.target.host);
    const lower = host.toLowerCase();
    const existing = this.tokens.get(lower);
    if (existing !== undefined) return existing;
    const short = lower.split('.')[0] ?? lower;
    // One host, one placeholder: server01 and server01.contoso.com are the same machine when one of them is known.
    const shortKey = this.tokens.get(short);
    const key = shortKey?.startsWith('host:') ? shortKey : `host:${lower}`;
    this.placeholderFor(key, 'host');
    this.addToken(lower, key);
    if (known && short !== lower) this.addToken(short, key);
    return key;
  }

  private addUser(raw: string): void {
    const user = raw.trim().replace(/[:.,;]+$/, '');
    if (user === '') return;
    const lower = user.toLowerCase();
    let name = lower;
    let domain: string | undefined;
    if (lower.includes('\\')) [domain, name = ''] = lower.split('\\', 2);
    else if (lower.includes('@')) [name = '', domain] = lower.split('@', 2);
    const nameKey = this.tokens.get(name);
    const key = nameKey?.startsWith('user:') ? nameKey : `user:${name}`;
    this.placeholderFor(key, 'user');
    this.addToken(lower, key);
    this.addToken(name, key);
    // The domain or computer part of DOMAIN\user names a machine or a network: hide it like a host.
    if (domain) this.addHost(domain, true);
  }
}
