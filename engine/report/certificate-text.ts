/*
 * Certificate names and thumbprints as they appear in report text, found so the redactor can replace each one
 * whole: a distinguished name (CN=…, O=…, OU=…, as Windows writes it, or C=…, O=…, CN=… as Node does) by its CN
 * alone, a list of subject alternative names (DNS:…, email:… as Node writes them; DNS Name=… as Windows does)
 * by a note, a thumbprint (SHA-1 or SHA-256 hex, bare, spaced or with colons) by a digest. Certificate search
 * engines index servers by exactly these, so a posted report must not carry them.
 *
 * The text is one value from the machine or the network, before it becomes Markdown (forum-report.ts escapes
 * the result): a line break, a pipe or a backtick inside a name is part of the name, and is hidden with it.
 */

export type CertificateSpan =
  | { kind: 'name'; from: number; to: number; cn?: string }
  | { kind: 'alternative-names'; from: number; to: number }
  | { kind: 'thumbprint'; from: number; to: number; hex: string };

const NAME_CHAR = /[\p{L}\p{N}_.\\-]/u;

// Attribute types as Windows (CN, OU, O, L, S, C, E, STREET, DC, SERIALNUMBER, T, G, I, SN, OID.x) and OpenSSL
// or Node (ST, emailAddress, serialNumber, title, GN, …) write them. Single letters only in capitals, so a
// word in prose ("s=", "t=") is not taken for one.
const LONG_ATTRIBUTES = new Set(
  [
    'cn dc ou st uid sn gn email emailaddress street serialnumber title givenname surname initials',
    'postalcode businesscategory jurisdictionc jurisdictionst jurisdictionl organizationidentifier',
    'pseudonym dnqualifier generationqualifier unstructuredname unstructuredaddress commonname',
    'organizationname organizationalunitname localityname stateorprovincename countryname',
  ]
    .join(' ')
    .split(' '),
);
const LETTER_ATTRIBUTES = new Set(['C', 'O', 'L', 'S', 'E', 'T', 'G', 'I']);
// A single component counts as a name only when it is one of these: "C=3" in prose is not a certificate.
const STANDALONE = new Set(['cn', 'commonname', 'o', 'ou', 'e', 'email', 'emailaddress']);
const ATTRIBUTE = /(OID\.\d+(?:\.\d+)*|\d+(?:\.\d+)+|[A-Za-z]+)=/y;

// Subject alternative name types: Node's "DNS:", "IP Address:", "email:", "URI:", "DirName:", "othername:",
// "Registered ID:"; Windows' "DNS Name=", "RFC822 Name=", "IP Address=", "URL=", "Directory Address=", …
const ALTERNATIVE_NAME =
  /(?:DNS|IP Address|email|URI|DirName|othername|Registered ID):(?=\S)|(?:DNS Name|RFC822 Name|IP Address|URL|Directory Address|Other Name|Registered ID|Principal Name)=(?=\S)/iy;

const HEX = '[0-9A-Fa-f]';
const THUMBPRINT = new RegExp(
  `(?<![\\p{L}\\p{N}_])(?:${HEX}{64}|${HEX}{40}|${HEX}{2}([ :])${HEX}{2}(?:\\1${HEX}{2}){30}|${HEX}{2}([ :])${HEX}{2}(?:\\2${HEX}{2}){18})(?![\\p{L}\\p{N}_])`,
  'gu',
);

// What shared/visible-text.ts puts after text it cut: part of the value it cut.
const CUT = /… \(\d+ more characters\)/y;
// The last, cut item of a list: ", OI… (66 more characters)".
const CUT_TAIL = /[^,()]*… \(\d+ more characters\)/y;

/** Where a cut last item starting at `at` ends, if the text there is one. */
function cutTailEnd(text: string, at: number): number | undefined {
  CUT_TAIL.lastIndex = at;
  return CUT_TAIL.test(text) ? CUT_TAIL.lastIndex : undefined;
}

function boundaryBefore(text: string, at: number): boolean {
  return at === 0 || !NAME_CHAR.test(text[at - 1] ?? '');
}

/** The attribute type starting exactly at `at`, lower case (capitals kept for letters), and where its value starts. */
function attributeAt(text: string, at: number): { type: string; valueFrom: number } | undefined {
  if (!boundaryBefore(text, at)) return undefined;
  ATTRIBUTE.lastIndex = at;
  const match = ATTRIBUTE.exec(text);
  const name = match?.[1];
  if (!match || !name) return undefined;
  const known = /^\d|^OID\./.test(name)
    ? 'oid'
    : name.length === 1
      ? LETTER_ATTRIBUTES.has(name) && name.toLowerCase()
      : LONG_ATTRIBUTES.has(name.toLowerCase()) && name.toLowerCase();
  return known ? { type: known, valueFrom: at + match[0].length } : undefined;
}

function alternativeNameAt(text: string, at: number): number | undefined {
  if (!boundaryBefore(text, at)) return undefined;
  ALTERNATIVE_NAME.lastIndex = at;
  const match = ALTERNATIVE_NAME.exec(text);
  return match ? at + match[0].length : undefined;
}

/** Where a value ends without the spaces after it (and, at the end of a name, the full stop of a sentence). */
function trimmedEnd(text: string, from: number, to: number, sentence = false): number {
  let end = to;
  while (end > from && (sentence ? /[\s.]/ : /\s/).test(text[end - 1] ?? '')) end--;
  return end;
}

/** A quoted run from `at` (on its opening quote) to after its closing quote, if it closes. */
function quotedEnd(text: string, at: number): number | undefined {
  const close = text.indexOf('"', at + 1);
  return close < 0 ? undefined : close + 1;
}

interface ValueEnd {
  to: number;
  /** The separator after the value when another component may follow it. */
  separator?: number;
}

/**
 * One attribute value. It may hold spaces ("Fabrikam Bank Ltd"), quotes, escaped characters and balanced
 * brackets ("Fabrikam (UK) Ltd"); it ends at a comma or ";", at "+" or "/" before another attribute, before a
 * bracket that opens alternative names, at a closing bracket it did not open, or before a word followed by
 * "=" (the next key=value of the sentence).
 */
function scanValue(text: string, from: number): ValueEnd {
  let depth = 0;
  let i = from;
  while (i < text.length) {
    const c = text[i] ?? '';
    const quoted = c === '"' ? quotedEnd(text, i) : undefined;
    if (quoted !== undefined) {
      i = quoted;
      continue;
    }
    if (c === '\\') {
      i += 2;
      continue;
    }
    if (c === '(') {
      if (depth === 0 && alternativeNameAt(text, i + 1) !== undefined) break;
      depth++;
    } else if (c === ')') {
      if (depth === 0) break;
      depth--;
    } else if (depth === 0 && (c === ',' || c === ';'))
      return { to: trimmedEnd(text, from, i), separator: i };
    else if (depth === 0 && (c === '+' || c === '/') && attributeAt(text, skipSpaces(text, i + 1))) {
      return { to: trimmedEnd(text, from, i), separator: i };
    } else if (depth === 0 && c === '=') {
      const before = text.slice(from, trimmedEnd(text, from, i, true));
      const space = before.search(/\s\S*$/);
      if (space >= 0) return { to: trimmedEnd(text, from, from + space) };
    }
    i++;
  }
  return { to: trimmedEnd(text, from, i, true) };
}

function skipSpaces(text: string, at: number): number {
  let i = at;
  while (text[i] === ' ') i++;
  return i;
}

function unquoted(value: string): string {
  const trimmed = value.trim();
  const inner =
    trimmed.length >= 2 && trimmed.startsWith('"') && trimmed.endsWith('"') ? trimmed.slice(1, -1) : trimmed;
  return inner.replace(/\\(.)/g, '$1');
}

/** A distinguished name starting at `from`: where it ends and its CN, or undefined when there is none. */
export function scanName(text: string, from: number): { to: number; cn?: string } | undefined {
  let at = from;
  let to = from;
  let cn: string | undefined;
  let count = 0;
  let standalone = false;
  for (let attribute = attributeAt(text, at); attribute; attribute = attributeAt(text, at)) {
    const value = scanValue(text, attribute.valueFrom);
    count++;
    standalone ||= STANDALONE.has(attribute.type);
    if ((attribute.type === 'cn' || attribute.type === 'commonname') && cn === undefined) {
      cn = unquoted(text.slice(attribute.valueFrom, value.to));
    }
    to = value.to;
    if (value.separator === undefined) break;
    at = skipSpaces(text, value.separator + 1);
    to = attributeAt(text, at) ? to : (cutTailEnd(text, at) ?? to);
  }
  if (count === 0 || (count === 1 && !standalone)) return undefined;
  return cn ? { to, cn } : { to };
}

/** A plain alternative name (dns, address, mail, URI): no spaces; quoted when Node quotes it. */
function plainValueEnd(text: string, from: number): number {
  const quoted = text[from] === '"' ? quotedEnd(text, from) : undefined;
  if (quoted !== undefined) return quoted;
  let i = from;
  while (i < text.length && !/[\s,)]/.test(text[i] ?? '')) {
    CUT.lastIndex = i;
    if (CUT.test(text)) return CUT.lastIndex;
    i++;
  }
  // The full stop of the sentence around it.
  while (i > from && text[i - 1] === '.') i--;
  return i;
}

/** A list of alternative names starting at `from`, joined by ", ": where it ends. */
function scanAlternativeNames(text: string, from: number): number | undefined {
  let valueFrom = alternativeNameAt(text, from);
  let to: number | undefined;
  while (valueFrom !== undefined) {
    // A DirName is a distinguished name of its own, commas and all.
    to = attributeAt(text, valueFrom)
      ? (scanName(text, valueFrom)?.to ?? plainValueEnd(text, valueFrom))
      : plainValueEnd(text, valueFrom);
    if (text[to] !== ',') break;
    const next = skipSpaces(text, to + 1);
    valueFrom = alternativeNameAt(text, next);
    if (valueFrom === undefined) to = cutTailEnd(text, next) ?? to;
  }
  return to;
}

/** The certificate name or list of alternative names that starts at `at`, if one does. */
function spanAt(text: string, at: number): CertificateSpan | undefined {
  const names = scanAlternativeNames(text, at);
  if (names !== undefined) return { kind: 'alternative-names', from: at, to: names };
  const name = attributeAt(text, at) ? scanName(text, at) : undefined;
  return name ? { kind: 'name', from: at, ...name } : undefined;
}

function candidates(text: string): CertificateSpan[] {
  const spans: CertificateSpan[] = [];
  // A start inside a span already found is part of it: skipping it keeps a long run of "O=a, O=a, …" linear.
  let covered = 0;
  for (const match of text.matchAll(/[A-Za-z0-9]/g)) {
    if (match.index < covered || !boundaryBefore(text, match.index)) continue;
    const span = spanAt(text, match.index);
    if (span) {
      spans.push(span);
      covered = span.to;
    }
  }
  for (const match of text.matchAll(THUMBPRINT)) {
    const hex = match[0].replace(/[ :]/g, '').toUpperCase();
    spans.push({ kind: 'thumbprint', from: match.index, to: match.index + match[0].length, hex });
  }
  return spans;
}

/**
 * Every certificate name, list of alternative names and thumbprint in the text, in order, none overlapping:
 * one found inside another (a CN inside a DirName) is part of it; one that runs past another's end extends it.
 */
export function findCertificateText(text: string): CertificateSpan[] {
  const sorted = candidates(text).sort((a, b) => a.from - b.from || b.to - a.to);
  const kept: CertificateSpan[] = [];
  for (const span of sorted) {
    const last = kept[kept.length - 1];
    if (last && span.from < last.to) last.to = Math.max(last.to, span.to);
    else kept.push(span);
  }
  return kept;
}
