/*
 * Where the remote machine port connects: `ssh://USER@HOST[:PORT]` or `winrm://HOST[:PORT]`, read with bounded,
 * character-class checks. Every part reaches PowerShell only as base64 data (remote-commands.ts); the checks
 * here are for one clear sentence at the command line, not for safety.
 */

export type RemoteVia = 'ssh' | 'winrm';

export interface SshTarget {
  via: 'ssh';
  user: string;
  host: string;
  port: number;
  /** The private key this PC signs in with (no password prompt over SSH). */
  keyFile: string;
  /** A known-hosts file other than the user's (~/.ssh/known_hosts when absent). */
  knownHostsFile?: string;
}

export interface WinRmTarget {
  via: 'winrm';
  host: string;
  port: number;
  /** HTTPS (5986), asked by the port alone. */
  useSsl: boolean;
  /** Without it: the signed-in account (Kerberos in a domain). */
  credential?: { user: string; password: string };
}

export type RemoteTarget = SshTarget | WinRmTarget;

export const SSH_PORT = 22;
export const WINRM_HTTP_PORT = 5985;
export const WINRM_HTTPS_PORT = 5986;

const MAX_URL = 300;
const HOST = /^(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,62})(?:\.[A-Za-z0-9-]{1,63}){0,20}|\[[0-9A-Fa-f:.]{2,45}\])$/;
const USER = /^[A-Za-z0-9._\\-]{1,64}$/;

export type RemoteUrl =
  | { ok: true; via: 'ssh'; user: string; host: string; port: number }
  | { ok: true; via: 'winrm'; host: string; port: number; useSsl: boolean }
  | { ok: false; message: string };

function portOf(text: string | undefined, fallback: number): number | undefined {
  if (text === undefined) return fallback;
  if (!/^[0-9]{1,5}$/.test(text)) return undefined;
  const port = Number(text);
  return port >= 1 && port <= 65535 ? port : undefined;
}

/** `ssh://USER@HOST[:PORT]` or `winrm://HOST[:PORT]`; anything else is one sentence. */
export function parseRemoteUrl(text: string): RemoteUrl {
  const usage = 'write ssh://USER@HOST[:PORT] or winrm://HOST[:PORT]';
  if (text.length > MAX_URL) return { ok: false, message: `--remote is too long; ${usage}.` };
  const match = /^(ssh|winrm):\/\/(?:([^@/]*)@)?(\[[^\]/]*\]|[^:/@]*)(?::([^/]*))?\/?$/.exec(text);
  if (!match) return { ok: false, message: `--remote: ${usage}.` };
  const [, scheme, user, rawHost = '', rawPort] = match;
  if (!HOST.test(rawHost)) return { ok: false, message: `--remote: "${rawHost}" is not a host name.` };
  const host = rawHost.replace(/^\[|\]$/g, '');
  if (scheme === 'ssh') {
    const port = portOf(rawPort, SSH_PORT);
    if (port === undefined) return { ok: false, message: '--remote: the port must be 1 to 65535.' };
    if (user === undefined || !USER.test(user)) {
      return { ok: false, message: '--remote: an SSH address names the account, as ssh://USER@HOST[:PORT].' };
    }
    return { ok: true, via: 'ssh', user, host, port };
  }
  if (user !== undefined) {
    return {
      ok: false,
      message: '--remote: for WinRM give the account with --credential USER, not in the address.',
    };
  }
  const port = portOf(rawPort, WINRM_HTTP_PORT);
  if (port === undefined) return { ok: false, message: '--remote: the port must be 1 to 65535.' };
  return { ok: true, via: 'winrm', host, port, useSsl: port === WINRM_HTTPS_PORT };
}

/** What the journal folder, --json and messages call the remote computer. */
export function remoteComputer(target: {
  host: string;
  port: number;
  via: RemoteVia;
  useSsl?: boolean;
}): string {
  const standard = target.via === 'ssh' ? SSH_PORT : target.useSsl ? WINRM_HTTPS_PORT : WINRM_HTTP_PORT;
  return target.port === standard ? target.host : `${target.host}:${target.port}`;
}
