import { parseArgs } from 'node:util';
import { realNetwork } from '../../network/handshake-probe.js';
import type { NetworkPort } from '../../network/port.js';
import { terminalJson, terminalText } from './cli-output.js';
import { DEFAULT_FLEET_CONCURRENCY, probeFleet } from './fleet-probe.js';
import { fleetTable, hasProblem, worstFirst } from './fleet-table.js';
import { readHostsFile } from './hosts-file.js';

/*
 * `rdp-repair probe --hosts-file FILE [--json] [--concurrency N]`: a whole fleet, one handshake each. Parsed
 * here, apart from the machine commands: it opens no machine and reads nothing on this PC.
 */

export const PROBE_USAGE = `  probe --hosts-file FILE [--json] [--concurrency N]
                       one Remote Desktop handshake with each computer in FILE (one a line, NAME[:PORT]),
                       N at once (default ${DEFAULT_FLEET_CONCURRENCY}); a table worst first; exit 1 when any has a problem`;

interface ProbeIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  progress?: (text: string) => void;
}

type ProbeOptions = { hostsFile: string; json: boolean; concurrency: number };

function parseProbe(argv: readonly string[]): ProbeOptions | string {
  let values: {
    'hosts-file'?: string | undefined;
    json?: boolean | undefined;
    concurrency?: string | undefined;
  };
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        'hosts-file': { type: 'string' },
        json: { type: 'boolean' },
        concurrency: { type: 'string' },
      },
    }));
  } catch (error) {
    return `${((error as Error).message.split('\n')[0] ?? '').replace(/\.$/, '')}; see rdp-repair --help.`;
  }
  if (!values['hosts-file']) return 'The probe command needs --hosts-file FILE: one computer a line.';
  const concurrency =
    values.concurrency === undefined ? DEFAULT_FLEET_CONCURRENCY : Number(values.concurrency);
  if (!/^[0-9]{1,3}$/.test(values.concurrency ?? '32') || concurrency < 1 || concurrency > 256) {
    return '--concurrency: give a whole number from 1 to 256.';
  }
  return { hostsFile: values['hosts-file'], json: values.json === true, concurrency };
}

/** A progress line at most once a second, and the last one always. */
function progressLines(io: ProbeIo, json: boolean): ((done: number, total: number) => void) | undefined {
  const { progress } = io;
  if (!progress || json) return undefined;
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (done < total && now - last < 1_000) return;
    last = now;
    progress(
      done < total ? `Probed ${done} of ${total} computers…` : `Probed ${total} of ${total} computers.`,
    );
  };
}

/** Exit codes as the other commands: 0 all fine, 1 any computer has a problem, 2 bad input. */
export async function runProbeCommand(
  argv: readonly string[],
  io: ProbeIo,
  network: NetworkPort = realNetwork,
): Promise<number> {
  const options = parseProbe(argv);
  if (typeof options === 'string') {
    io.stderr(options);
    return 2;
  }
  const file = readHostsFile(options.hostsFile);
  if (!file.ok) {
    io.stderr(file.message);
    return 2;
  }
  const onDone = progressLines(io, options.json);
  const rows = await probeFleet(file.targets, network, {
    concurrency: options.concurrency,
    ...(onDone ? { onDone } : {}),
  });
  io.stdout(options.json ? terminalJson(worstFirst(rows)) : terminalText(fleetTable(rows)));
  return hasProblem(rows) ? 1 : 0;
}
