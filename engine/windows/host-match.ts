import { DEFAULT_RDP_PORT, type HostTarget, parseHostTarget } from '../../shared/host-name.js';

/*
 * Which saved entries (MRU history, Servers\<host> keys, TERMSRV/<host> credentials, Default.rdp) name the
 * target host. Host-specific repairs must act on that host only, so the rules err on the side of leaving an
 * entry alone:
 * - host names compare case-insensitively; IP addresses only compare equal to themselves;
 * - a short name (server01) and a full name (server01.contoso.com) match only when unambiguous: no other full
 *   name with the same first label is known (from the target and the entries of the same store);
 * - ports: an entry written with a port names that port; an entry without one names the default port 3389,
 *   except in stores that never record a port (see PortlessEntry).
 */

/**
 * How an entry written without a port relates to the target's port. `default-port`: the entry means port 3389
 * (the MRU list and Default.rdp keep the port as typed). `any-port`: Windows uses that entry whatever the port
 * (credentials and Servers keys are looked up by host name), so it belongs to the target on any port.
 */
export type PortlessEntry = 'default-port' | 'any-port';

interface Endpoint {
  host: string;
  port: number | undefined;
  kind: HostTarget['kind'];
}

function endpoint(target: HostTarget): Endpoint {
  return { host: target.host.toLowerCase(), port: target.port, kind: target.kind };
}

/** An entry as Remote Desktop saved it, or undefined when it is not a host name Remote Desktop accepts. */
export function parseEntry(text: string): Endpoint | undefined {
  const parsed = parseHostTarget(text);
  return parsed.ok ? endpoint(parsed.target) : undefined;
}

function isFullName(e: Endpoint): boolean {
  return e.kind === 'dns' && e.host.includes('.');
}

function firstLabel(host: string): string {
  return host.split('.')[0] ?? host;
}

export type HostMatcher = (entry: string, portless: PortlessEntry) => boolean;

/**
 * A matcher for the target over one store. `storeEntries` are all the entries of that store (matching or
 * not): they decide whether a short name is ambiguous.
 */
export function createHostMatcher(target: HostTarget, storeEntries: readonly string[]): HostMatcher {
  const wanted = endpoint(target);
  const fullNamesByLabel = new Map<string, Set<string>>();
  for (const e of [wanted, ...storeEntries.map(parseEntry)]) {
    if (!e || !isFullName(e)) continue;
    const label = firstLabel(e.host);
    const names = fullNamesByLabel.get(label) ?? new Set<string>();
    names.add(e.host);
    fullNamesByLabel.set(label, names);
  }

  function sameHost(a: Endpoint, b: Endpoint): boolean {
    if (a.host === b.host) return true;
    if (a.kind !== 'dns' || b.kind !== 'dns' || isFullName(a) === isFullName(b)) return false;
    const [short, full] = isFullName(a) ? [b, a] : [a, b];
    if (firstLabel(full.host) !== short.host) return false;
    return fullNamesByLabel.get(short.host)?.size === 1;
  }

  function samePort(entryPort: number | undefined, portless: PortlessEntry): boolean {
    if (entryPort === undefined && portless === 'any-port') return true;
    return (entryPort ?? DEFAULT_RDP_PORT) === (wanted.port ?? DEFAULT_RDP_PORT);
  }

  return (text, portless) => {
    const entry = parseEntry(text);
    return entry !== undefined && sameHost(entry, wanted) && samePort(entry.port, portless);
  };
}

/**
 * A host name (or credential target) as it may appear in a change id: characters outside [\w.-] become "_",
 * and a suffix keeps the ids of one plan distinct.
 */
export function changeIdPart(name: string, used: Set<string>): string {
  const base = name.replace(/[^\w.-]/g, '_') || '_';
  let part = base;
  for (let n = 2; used.has(part.toLowerCase()); n++) part = `${base}-${n}`;
  used.add(part.toLowerCase());
  return part;
}
