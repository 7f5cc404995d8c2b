import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { defaultDataDir } from '../../engine/data-dir.js';
import { RepairEngine } from '../../engine/engine.js';
import { powershellPreview } from '../../machine/powershell/powershell-preview.js';
import { type RemoteTarget, remoteComputer } from '../../machine/remote/remote-target.js';
import { closedPortSentence, remotingPorts } from '../../machine/remote/remoting-ports.js';
import type { Verdict } from '../../shared/verdict.js';
import { connectRemote, interpreterFolder, remoteDataDir } from '../composition-root.js';
import { terminalPasswordPrompt } from './ask-password.js';
import { field, terminalJson, terminalText } from './cli-output.js';
import { type FleetScanOptions, parseFleetScan, usesSsl } from './fleet-scan-options.js';
import { type FleetTarget, readHostsFile } from './hosts-file.js';
import type { CliIo } from './machine-commands.js';
import { PACKAGE_ROOT } from './open-machine.js';

/*
 * `rdp-repair scan --hosts-file FILE --remote-via ssh|winrm …` (issue 26, point 4): the host checks (each computer
 * as the one others connect to, the incoming question) on every computer of the file through PowerShell remoting,
 * at most N sessions at once, one result per computer: its verdict and counts, or the remote port's one sentence
 * when it could not be reached. Nothing is fixed: `fix --remote` does that, one computer at a time, with consent.
 */

export interface FleetScanRow {
  host: string;
  remote: { via: 'ssh' | 'winrm'; computer: string };
  /** False when the session could not be opened: the summary is then the port's sentence. */
  reached: boolean;
  verdict: { side: Verdict['side']; summary: string };
  problems: number;
  unknown: number;
}

const ORDER: Record<Verdict['side'], number> = {
  'this-pc': 0,
  'remote-pc': 1,
  network: 2,
  unknown: 3,
  none: 4,
};

function targetOf(options: FleetScanOptions, host: string, password: string | undefined): RemoteTarget {
  if (options.via === 'ssh') {
    return {
      via: 'ssh',
      user: options.sshUser ?? '',
      host,
      port: options.remotePort,
      keyFile: resolve(options.sshKey ?? ''),
      ...(options.sshKnownHosts ? { knownHostsFile: resolve(options.sshKnownHosts) } : {}),
    };
  }
  const credential =
    options.credentialUser && password !== undefined
      ? { credential: { user: options.credentialUser, password } }
      : {};
  return { via: 'winrm', host, port: options.remotePort, useSsl: usesSsl(options), ...credential };
}

/** One computer: connect, the incoming check, close; never throws. */
async function scanOne(target: RemoteTarget, dataDir: string): Promise<FleetScanRow> {
  const computer = remoteComputer(target);
  const base = { host: target.host, remote: { via: target.via, computer } };
  // The remoting ports first, in one round: a closed one is said without starting PowerShell for it.
  const ports = await remotingPorts(target.host, target.port);
  const port =
    ports.asked.state === 'closed'
      ? closedPortSentence(target.host, ports)
      : await connectRemote(target, interpreterFolder(PACKAGE_ROOT), PACKAGE_ROOT).catch((error: unknown) =>
          error instanceof Error ? error.message : String(error),
        );
  if (typeof port === 'string') {
    return { ...base, reached: false, verdict: { side: 'unknown', summary: port }, problems: 0, unknown: 0 };
  }
  try {
    const folder = remoteDataDir(dataDir, target.via, computer);
    mkdirSync(folder, { recursive: true });
    const engine = new RepairEngine({
      machine: port,
      dataDir: folder,
      lockFile: join(folder, 'apply.lock'),
      preview: powershellPreview,
    });
    const { report } = await engine.scan('localhost', undefined, undefined, 'incoming');
    const count = (status: string) => report.findings.filter((f) => f.status === status).length;
    const verdict = { side: report.verdict.side, summary: report.verdict.summary };
    return { ...base, reached: true, verdict, problems: count('problem'), unknown: count('unknown') };
  } catch (error) {
    const summary = `The check of ${computer} failed: ${error instanceof Error ? error.message : String(error)}`;
    return { ...base, reached: true, verdict: { side: 'unknown', summary }, problems: 0, unknown: 0 };
  } finally {
    await port.close?.();
  }
}

/** Every computer, at most `concurrency` sessions at once, each result in the file's order. */
async function scanAll(
  targets: readonly RemoteTarget[],
  dataDir: string,
  concurrency: number,
  onDone?: (done: number, total: number) => void,
): Promise<FleetScanRow[]> {
  const rows: FleetScanRow[] = new Array(targets.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < targets.length) {
      const index = next++;
      rows[index] = await scanOne(targets[index] as RemoteTarget, dataDir);
      done += 1;
      onDone?.(done, targets.length);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, targets.length) }, worker));
  return rows;
}

export function worstFirstScan(rows: readonly FleetScanRow[]): FleetScanRow[] {
  return rows
    .map((row, index) => ({ row, index }))
    .sort((a, b) => ORDER[a.row.verdict.side] - ORDER[b.row.verdict.side] || a.index - b.index)
    .map(({ row }) => row);
}

function rowLine(row: FleetScanRow): string {
  if (!row.reached) return `${field(row.remote.computer)}: not reached: ${field(row.verdict.summary)}`;
  const counts = `${row.problems} problem${row.problems === 1 ? '' : 's'}, ${row.unknown} not known`;
  return `${field(row.remote.computer)}: ${row.verdict.side === 'none' ? 'fine' : field(row.verdict.summary)} (${counts})`;
}

/** The WinRM password, asked once for every computer; undefined without --credential. */
async function askPassword(options: FleetScanOptions): Promise<string | undefined> {
  if (!options.credentialUser) return undefined;
  const prompt = terminalPasswordPrompt();
  if (!prompt)
    throw new Error('--credential asks for the password on an interactive terminal, and there is none here.');
  return prompt(`Password for ${options.credentialUser} on every computer of the file: `);
}

/** Exit codes: 0 every computer fine, 1 any problem or not reached, 2 bad input. */
export async function runFleetScanCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const options = parseFleetScan(argv);
  if (typeof options === 'string') {
    io.stderr(options);
    return 2;
  }
  const file = readHostsFile(options.hostsFile);
  if (!file.ok) {
    io.stderr(file.message);
    return 2;
  }
  const password = await askPassword(options);
  // The file's port is Remote Desktop's; remoting has its own (--remote-port), the same on every computer.
  const hosts = [...new Set(file.targets.map((t: FleetTarget) => t.host))];
  const targets = hosts.map((host) => targetOf(options, host, password));
  const dataDir = options.dataDir ? resolve(options.dataDir) : defaultDataDir();
  const progress = io.progress && !options.json ? io.progress : undefined;
  const rows = await scanAll(targets, dataDir, options.concurrency, (done, total) =>
    progress?.(`Checked ${done} of ${total} computers${done === total ? '.' : '…'}`),
  );
  const sorted = worstFirstScan(rows);
  io.stdout(options.json ? terminalJson(sorted) : terminalText(sorted.map(rowLine).join('\n')));
  return rows.every((row) => row.reached && row.verdict.side === 'none') ? 0 : 1;
}
