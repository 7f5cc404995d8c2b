import { parseRemoteUrl, type RemoteUrl } from '../../machine/remote/remote-target.js';

/*
 * The command line's remote options: `--remote ssh://USER@HOST[:PORT] --ssh-key FILE [--ssh-known-hosts FILE]`
 * or `--remote winrm://HOST[:PORT] [--credential USER]`. Kept apart from cli-options.ts, which only lists them.
 */

export const REMOTE_OPTIONS = {
  remote: { type: 'string' },
  'ssh-key': { type: 'string' },
  'ssh-known-hosts': { type: 'string' },
  credential: { type: 'string' },
} as const;

export const REMOTE_USAGE = `  --remote URL         check and fix that computer through PowerShell remoting from here:
                       ssh://USER@HOST[:PORT] (with --ssh-key) or winrm://HOST[:PORT] (5986: HTTPS);
                       the journal stays on this PC, in a folder named after that computer
  --ssh-key FILE       ssh: the private key to sign in with
  --ssh-known-hosts FILE  ssh: a known-hosts file other than ~/.ssh/known_hosts
  --credential USER    winrm: sign in as USER (the password is asked on the terminal)`;

export interface RemoteRequest {
  url: Extract<RemoteUrl, { ok: true }>;
  sshKey?: string;
  sshKnownHosts?: string;
  credentialUser?: string;
}

export interface RemoteValues {
  remote?: string | boolean | undefined;
  'ssh-key'?: string | boolean | undefined;
  'ssh-known-hosts'?: string | boolean | undefined;
  credential?: string | boolean | undefined;
  simulate?: string | boolean | undefined;
}

function text(value: string | boolean | undefined): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

/** The remote request in the options, none, or the one sentence saying what is wrong. */
export function remoteRequest(
  values: RemoteValues,
): { ok: true; remote?: RemoteRequest } | { ok: false; message: string } {
  const remote = text(values.remote);
  const sshKey = text(values['ssh-key']);
  const sshKnownHosts = text(values['ssh-known-hosts']);
  const credentialUser = text(values.credential);
  if (remote === undefined) {
    if (sshKey || sshKnownHosts || credentialUser) {
      return { ok: false, message: '--ssh-key, --ssh-known-hosts and --credential go with --remote URL.' };
    }
    return { ok: true };
  }
  if (text(values.simulate) !== undefined) {
    return {
      ok: false,
      message: '--remote works on a real computer; it cannot be combined with --simulate.',
    };
  }
  const url = parseRemoteUrl(remote);
  if (!url.ok) return url;
  if (url.via === 'ssh') {
    if (sshKey === undefined)
      return { ok: false, message: 'An ssh:// remote needs --ssh-key FILE: the key to sign in with.' };
    if (credentialUser !== undefined) {
      return { ok: false, message: '--credential is for winrm://; over SSH the key signs in.' };
    }
    return { ok: true, remote: { url, sshKey, ...(sshKnownHosts ? { sshKnownHosts } : {}) } };
  }
  if (sshKey !== undefined || sshKnownHosts !== undefined) {
    return { ok: false, message: '--ssh-key and --ssh-known-hosts are for ssh://, not winrm://.' };
  }
  if (credentialUser !== undefined && !/^[A-Za-z0-9._@\\-]{1,104}$/.test(credentialUser)) {
    return {
      ok: false,
      message: '--credential: give an account name such as CONTOSO\\admin or admin@contoso.com.',
    };
  }
  return { ok: true, remote: { url, ...(credentialUser ? { credentialUser } : {}) } };
}
