import { parseArgs } from 'node:util';
import { SSH_PORT, WINRM_HTTP_PORT, WINRM_HTTPS_PORT } from '../../machine/remote/remote-target.js';

/*
 * `rdp-repair scan --hosts-file FILE --remote-via ssh|winrm …`: the host checks on each computer of the file
 * through PowerShell remoting. The options, read apart from the one-computer commands (cli-options.ts).
 */

export const DEFAULT_FLEET_SCAN_CONCURRENCY = 8;

export const FLEET_SCAN_USAGE = `  scan --hosts-file FILE --remote-via ssh|winrm [--json] [--concurrency N] [--remote-port P]
       [--ssh-user USER --ssh-key FILE [--ssh-known-hosts FILE]] [--credential USER] [--data-dir DIR]
                       the host checks (each computer as the one others connect to) on every computer in
                       FILE over PowerShell remoting, N at once (default ${DEFAULT_FLEET_SCAN_CONCURRENCY}); one result per
                       computer, worst first; nothing is fixed; exit 1 when any has a problem or refused`;

export interface FleetScanOptions {
  hostsFile: string;
  via: 'ssh' | 'winrm';
  /** The remoting port on every computer: 22 for SSH, 5985 for WinRM (5986: HTTPS) unless given. */
  remotePort: number;
  sshUser?: string;
  sshKey?: string;
  sshKnownHosts?: string;
  credentialUser?: string;
  concurrency: number;
  json: boolean;
  dataDir?: string;
}

const OPTIONS = {
  'hosts-file': { type: 'string' },
  'remote-via': { type: 'string' },
  'remote-port': { type: 'string' },
  'ssh-user': { type: 'string' },
  'ssh-key': { type: 'string' },
  'ssh-known-hosts': { type: 'string' },
  credential: { type: 'string' },
  concurrency: { type: 'string' },
  json: { type: 'boolean' },
  'data-dir': { type: 'string' },
} as const;

type Values = {
  [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]['type'] extends 'string' ? string : boolean;
};

function bounded(text: string | undefined, fallback: number, max: number): number | undefined {
  if (text === undefined) return fallback;
  if (!/^[0-9]{1,5}$/.test(text)) return undefined;
  const value = Number(text);
  return value >= 1 && value <= max ? value : undefined;
}

/** What is wrong with the way in, or undefined. */
function wayInProblem(values: Values, via: 'ssh' | 'winrm'): string | undefined {
  if (via === 'ssh') {
    if (!values['ssh-user'] || !/^[A-Za-z0-9._\\-]{1,64}$/.test(values['ssh-user']))
      return '--remote-via ssh needs --ssh-user USER: the account on each computer.';
    if (!values['ssh-key']) return '--remote-via ssh needs --ssh-key FILE: the key to sign in with.';
    if (values.credential) return '--credential is for --remote-via winrm; over SSH the key signs in.';
    return undefined;
  }
  if (values['ssh-user'] || values['ssh-key'] || values['ssh-known-hosts'])
    return '--ssh-user, --ssh-key and --ssh-known-hosts are for --remote-via ssh.';
  if (values.credential && !/^[A-Za-z0-9._@\\-]{1,104}$/.test(values.credential))
    return '--credential: give an account name such as CONTOSO\\admin or admin@contoso.com.';
  return undefined;
}

function parsed(argv: readonly string[]): Values | string {
  try {
    return parseArgs({ args: [...argv], strict: true, options: OPTIONS }).values as Values;
  } catch (error) {
    return `${((error as Error).message.split('\n')[0] ?? '').replace(/\.$/, '')}; see rdp-repair --help.`;
  }
}

/** The options, or the one sentence saying what is wrong. */
export function parseFleetScan(argv: readonly string[]): FleetScanOptions | string {
  const values = parsed(argv);
  if (typeof values === 'string') return values;
  if (!values['hosts-file']) return 'scan --hosts-file needs FILE: one computer a line.';
  const via = values['remote-via'];
  if (via !== 'ssh' && via !== 'winrm')
    return 'scan --hosts-file runs over PowerShell remoting: add --remote-via ssh or --remote-via winrm.';
  const problem = wayInProblem(values, via);
  if (problem) return problem;
  const remotePort = bounded(values['remote-port'], via === 'ssh' ? SSH_PORT : WINRM_HTTP_PORT, 65535);
  if (remotePort === undefined) return '--remote-port: the port must be 1 to 65535.';
  const concurrency = bounded(values.concurrency, DEFAULT_FLEET_SCAN_CONCURRENCY, 64);
  if (concurrency === undefined) return '--concurrency: give a whole number from 1 to 64.';
  return {
    hostsFile: values['hosts-file'],
    via,
    remotePort,
    concurrency,
    json: values.json === true,
    ...(values['ssh-user'] ? { sshUser: values['ssh-user'] } : {}),
    ...(values['ssh-key'] ? { sshKey: values['ssh-key'] } : {}),
    ...(values['ssh-known-hosts'] ? { sshKnownHosts: values['ssh-known-hosts'] } : {}),
    ...(values.credential ? { credentialUser: values.credential } : {}),
    ...(values['data-dir'] ? { dataDir: values['data-dir'] } : {}),
  };
}

/** WinRM over HTTPS when the port is 5986. */
export function usesSsl(options: FleetScanOptions): boolean {
  return options.via === 'winrm' && options.remotePort === WINRM_HTTPS_PORT;
}
