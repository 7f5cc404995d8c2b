import { z } from 'zod';

/*
 * The host name is the only free text that reaches the machine. One validator, used by the renderer, main,
 * the CLI and (re-checked) the PowerShell interpreter. It accepts what Remote Desktop Connection accepts:
 * DNS names (internationalised too), NetBIOS names, IPv4, IPv6 (bracketed when a port follows), optional :port.
 */

export interface HostTarget {
  /** The host without port, as typed (IPv6 without brackets). */
  host: string;
  /** The port when one was given, else undefined (RDP's default 3389 applies). */
  port: number | undefined;
  kind: 'dns' | 'ipv4' | 'ipv6';
}

export type HostParseResult = { ok: true; target: HostTarget } | { ok: false; message: string };

export const DEFAULT_RDP_PORT = 3389;

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const DNS_LABEL = /^[\p{L}\p{N}](?:[\p{L}\p{N}\p{M}-]{0,61}[\p{L}\p{N}\p{M}])?$/u;
const NETBIOS_OR_LABEL = /^[\p{L}\p{N}_](?:[\p{L}\p{N}\p{M}_-]{0,61}[\p{L}\p{N}\p{M}_])?$/u;

function isIpv6(text: string): boolean {
  if (!/^[0-9a-fA-F:.]+$/.test(text) || !text.includes(':')) return false;
  const doubleColons = text.split('::').length - 1;
  if (doubleColons > 1) return false;
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
  return doubleColons === 1 ? count < 8 : count === 8 && groups.every((g) => g !== '');
}

function parsePort(text: string): number | string {
  if (!/^\d{1,5}$/.test(text)) return `The port "${text}" must be a number from 1 to 65535.`;
  const port = Number(text);
  if (port < 1 || port > 65535) return `The port ${port} must be from 1 to 65535.`;
  return port;
}

function checkDnsName(host: string): string | undefined {
  if (host.length > 253) return 'The computer name is longer than 253 characters.';
  if (host.startsWith('.') || host.endsWith('.')) return 'A computer name cannot start or end with a dot.';
  const labels = host.split('.');
  if (labels.some((l) => l.length === 0)) return 'A computer name cannot contain two dots in a row.';
  for (const label of labels) {
    if (label.length > 63) return `The part "${label.slice(0, 20)}…" is longer than 63 characters.`;
    const pattern = labels.length === 1 ? NETBIOS_OR_LABEL : DNS_LABEL;
    if (!pattern.test(label)) {
      return 'A computer name may contain only letters, digits, hyphens and dots (for example server01 or pc.contoso.com).';
    }
  }
  if (/^[\d.]+$/.test(host)) return `"${host}" is not a valid IPv4 address.`;
  return undefined;
}

export function parseHostTarget(input: string): HostParseResult {
  if (typeof input !== 'string') return { ok: false, message: 'Type the name or address of the computer.' };
  const text = input.trim();
  if (text.length === 0)
    return { ok: false, message: 'Type the name or address of the computer you cannot reach.' };
  if (text.length > 300) return { ok: false, message: 'That is too long to be a computer name or address.' };
  if (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(text) || /\s/.test(text)) {
    return { ok: false, message: 'A computer name cannot contain spaces or control characters.' };
  }

  if (text.startsWith('[')) {
    const match = /^\[([^\]]+)\](?::(.*))?$/.exec(text);
    if (!match || !isIpv6(match[1] ?? ''))
      return { ok: false, message: `"${text}" is not a valid IPv6 address.` };
    const port = match[2] === undefined ? undefined : parsePort(match[2]);
    if (typeof port === 'string') return { ok: false, message: port };
    return { ok: true, target: { host: (match[1] ?? '').toLowerCase(), port, kind: 'ipv6' } };
  }
  if ((text.match(/:/g) ?? []).length > 1) {
    if (isIpv6(text))
      return { ok: true, target: { host: text.toLowerCase(), port: undefined, kind: 'ipv6' } };
    return {
      ok: false,
      message: `"${text}" is not a valid IPv6 address (put it in [brackets] to add a port).`,
    };
  }

  const [hostPart = '', portPart] = text.split(':');
  let port: number | undefined;
  if (portPart !== undefined) {
    const parsed = parsePort(portPart);
    if (typeof parsed === 'string') return { ok: false, message: parsed };
    port = parsed;
  }
  if (hostPart.length === 0) return { ok: false, message: 'Type the computer name before the port.' };
  if (IPV4.test(hostPart)) return { ok: true, target: { host: hostPart, port, kind: 'ipv4' } };
  const problem = checkDnsName(hostPart);
  if (problem) return { ok: false, message: problem };
  return { ok: true, target: { host: hostPart.normalize('NFC'), port, kind: 'dns' } };
}

/** How a target is written back: host, host:port, or [v6]:port. */
export function formatHostTarget(target: HostTarget): string {
  const host = target.kind === 'ipv6' && target.port !== undefined ? `[${target.host}]` : target.host;
  return target.port === undefined ? host : `${host}:${target.port}`;
}

/** Zod schema for boundaries (IPC, CLI): a string that parses as a host target. */
export const HostInputSchema = z.string().superRefine((value, ctx) => {
  const parsed = parseHostTarget(value);
  if (!parsed.ok) ctx.addIssue({ code: 'custom', message: parsed.message });
});
