import type { z } from 'zod';
import type { Finding } from '../../shared/findings.js';
import { ListenersResultSchema, type OpResult, ReadValueResultSchema } from '../../shared/ops.js';
import { visibleText } from '../../shared/visible-text.js';
import type { Repair, RepairContext } from '../repair.js';
import { RDP_TCP_LISTENER_KEY } from '../windows/host-mode.js';
import { targetsThisPc } from '../windows/this-pc-target.js';

/*
 * Who listens on this PC's Remote Desktop port (issue 25, part 6), when Remote Desktop is turned on here: the
 * port is PortNumber under RDP-Tcp (Windows ships 3389). Remote Desktop Services runs in a service host
 * (svchost.exe in System32); any other program there takes the connections meant for Remote Desktop (a
 * problem, with its name and path as data and steps: stopping or moving another program is the user's call,
 * so there is no automatic fix). Nothing listening is a problem too: nobody can connect.
 * One read batch: net.listeners is asked for 3389 beside the PortNumber read, so on another port who listens
 * cannot be known from this scan: unknown, with the command that shows it. A listener whose process Windows
 * does not name is unknown too; the svchost rule names the service host, not the service inside it (the
 * listener's process id is not compared with TermService's, which service.status does not read).
 * When the check is of a connection to another computer, the finding is `incoming`.
 */

type Listener = z.infer<typeof ListenersResultSchema>['listeners'][number];

const DEFAULT_PORT = 3389;
const SVCHOST_PATH = /^[a-z]:\\windows\\system32\\svchost\.exe$/i;

const EXPLANATION =
  'A computer accepts Remote Desktop connections on one TCP port, 3389 unless its PortNumber setting says ' +
  'otherwise, where Remote Desktop Services listens. When another program holds that port, connections meant ' +
  'for Remote Desktop reach that program instead, and the computer that connects reports error 0x904 or 0x7; ' +
  'when nothing listens, every connection is refused.';

type PortReading = { ok: true; port: number; fromSetting: boolean } | { ok: false; why: string };

function portOf(result: OpResult | undefined): PortReading {
  if (!result?.ok) return { ok: false, why: result ? result.error.message : 'no answer' };
  const read = ReadValueResultSchema.safeParse(result.value);
  if (!read.success) return { ok: false, why: 'the answer was not understood' };
  if (!read.data.exists) return { ok: true, port: DEFAULT_PORT, fromSetting: false };
  const value = read.data.value;
  if (value.type !== 'REG_DWORD' || value.data < 1 || value.data > 65535)
    return { ok: false, why: 'PortNumber is not a port number' };
  return { ok: true, port: value.data, fromSetting: true };
}

function programWords(l: Listener): string {
  const name = l.processName === null ? 'a program Windows does not name' : visibleText(l.processName, 80);
  const path = l.processPath === null ? '' : ` (${visibleText(l.processPath, 260)})`;
  const id = l.processId === null ? '' : `, process ${l.processId}`;
  return `${name}${path}${id}`;
}

const isServiceHost = (l: Listener) =>
  l.processName?.toLowerCase() === 'svchost' && l.processPath !== null && SVCHOST_PATH.test(l.processPath);

const listenCommand = (port: number) =>
  `Get-NetTCPConnection -LocalPort ${port} -State Listen | Select-Object LocalAddress, OwningProcess, @{n='Program';e={(Get-Process -Id $_.OwningProcess).Path}}`;

function finding(ctx: RepairContext, part: Omit<Finding, 'repairId' | 'explanation'>): Finding {
  const whole: Finding = { repairId: 'host-port', explanation: EXPLANATION, ...part };
  return targetsThisPc(ctx.target) ? whole : { ...whole, incoming: true };
}

function listenersFinding(
  ctx: RepairContext,
  port: number,
  portRow: Finding['evidence'][number],
  result?: OpResult,
) {
  const parsed = result?.ok ? ListenersResultSchema.safeParse(result.value) : undefined;
  if (!parsed?.success) {
    const why = result && !result.ok ? result.error.message : 'the answer was not understood';
    return finding(ctx, {
      status: 'unknown',
      summary: `Could not check which program listens on port ${port}: ${visibleText(why, 200)}`,
      evidence: [portRow],
      instructions: [`In PowerShell: ${listenCommand(port)}`],
    });
  }
  const listeners = parsed.data.listeners;
  const rows = listeners.map((l) => ({
    label: `Listening on ${visibleText(l.address, 64)}:${port}`,
    value: programWords(l),
  }));
  const others = listeners.filter((l) => l.processName !== null && !isServiceHost(l));
  if (others.length > 0) {
    const names = others.map(programWords).join('; ');
    return finding(ctx, {
      status: 'problem',
      summary: `Another program listens on port ${port}, the Remote Desktop port: ${names}. Connections meant for Remote Desktop reach it instead.`,
      evidence: [portRow, ...rows],
      instructions: [
        `Find the program in Task Manager (Details, by process ID: ${others.map((l) => l.processId ?? '?').join(', ')}) and close it, uninstall it, or set it to another port.`,
        'Then restart Remote Desktop Services (or this computer) so it listens on the port again.',
      ],
    });
  }
  if (listeners.length === 0) {
    const running = ctx.hostMode?.acceptsConnections === true;
    return finding(ctx, {
      status: 'problem',
      summary: `Nothing listens on port ${port}, so nobody can connect to this computer with Remote Desktop.`,
      evidence: [portRow, { label: `Listening on port ${port}`, value: 'nothing' }],
      instructions: running
        ? [
            'Restart Remote Desktop Services (services.msc, or restart this computer), then check the RemoteConnectionManager and System event logs for why it did not listen.',
          ]
        : [
            'Start Remote Desktop Services first: the check of the services Remote Desktop needs shows why it is not running.',
          ],
    });
  }
  const unnamed = listeners.some((l) => l.processName === null);
  return finding(ctx, {
    status: unnamed ? 'unknown' : 'ok',
    summary: unnamed
      ? `Windows did not say which program listens on port ${port}.`
      : `Remote Desktop Services' service host listens on port ${port}, the Remote Desktop port.`,
    evidence: [portRow, ...rows],
    instructions: unnamed ? [`In PowerShell, as administrator: ${listenCommand(port)}`] : [],
  });
}

export const hostPortRepair: Repair = {
  id: 'host-port',
  title: 'Check who listens on the Remote Desktop port',
  reads: () => [
    { op: 'registry.readValue', path: RDP_TCP_LISTENER_KEY, name: 'PortNumber' },
    { op: 'net.listeners', port: DEFAULT_PORT },
  ],
  diagnose(ctx, results): Finding {
    if (ctx.hostMode?.turnedOn !== true) {
      return {
        repairId: 'host-port',
        status: 'not-applicable',
        summary: 'Remote Desktop is not turned on on this computer, so nothing needs to listen on its port.',
        explanation: EXPLANATION,
        evidence: [],
        instructions: [],
      };
    }
    const port = portOf(results[0]);
    if (!port.ok) {
      return finding(ctx, {
        status: 'unknown',
        summary: `Could not check the Remote Desktop port (PortNumber under RDP-Tcp): ${visibleText(port.why, 200)}`,
        evidence: [],
        instructions: [],
      });
    }
    const portRow = {
      label: 'Remote Desktop port',
      value: port.fromSetting
        ? `${port.port} (PortNumber under RDP-Tcp; Windows ships ${DEFAULT_PORT})`
        : `${DEFAULT_PORT} (no PortNumber: as Windows ships it)`,
    };
    if (port.port !== DEFAULT_PORT) {
      return finding(ctx, {
        status: 'unknown',
        summary: `Remote Desktop listens on port ${port.port} here; which program holds that port was not checked (this check asks Windows about ${DEFAULT_PORT}). People who connect must dial ${port.port}.`,
        evidence: [portRow],
        instructions: [`In PowerShell: ${listenCommand(port.port)}`],
      });
    }
    return listenersFinding(ctx, port.port, portRow, results[1]);
  },
  plan: () => [],
};
