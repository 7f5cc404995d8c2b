import type { z } from 'zod';
import type { Finding } from '../../shared/findings.js';
import { DEFAULT_RDP_PORT } from '../../shared/host-name.js';
import { type OpResult, ProbeTcpResultSchema, ResolveResultSchema } from '../../shared/ops.js';
import type { Repair } from '../repair.js';

// Rule for `problem`: the name does not resolve from this PC, or nothing answers on the port (refused or
// timed out): the connection cannot even start. Which side that is, the handshake and the verdict tell.

// Long enough for a VPN or a slow link, short enough that a scan does not feel stuck.
export const PROBE_TIMEOUT_MS = 5000;

type Resolve = z.infer<typeof ResolveResultSchema>;
type Probe = z.infer<typeof ProbeTcpResultSchema>;

const EXPLANATION =
  'Before anything else, the remote computer must be found by name and must answer on the Remote Desktop port. ' +
  'If it does not, the fixes on this computer cannot help: check the name, the VPN, the remote computer ' +
  '(switched on, Remote Desktop enabled) and any firewall between the two.';

function parse<T>(result: OpResult | undefined, schema: z.ZodType<T>): T | string {
  if (!result) return 'no result';
  if (!result.ok) return result.error.message;
  const parsed = schema.safeParse(result.value);
  return parsed.success ? parsed.data : 'the result was not in the expected shape';
}

function probeProblem(host: string, port: number, probe: Probe): string | undefined {
  if (probe.open) return undefined;
  switch (probe.error) {
    case 'refused':
      return `${host} answered, but nothing accepts connections on port ${port}: the port is closed (Remote Desktop may be off on that computer, or it uses another port).`;
    case 'timeout':
      return `${host} did not answer on port ${port} within ${PROBE_TIMEOUT_MS / 1000} seconds: a firewall may filter the port, or the computer is off or asleep.`;
    case 'unreachable':
      return `There is no network route to ${host}: check your network or VPN connection.`;
    case 'unresolved':
      return `The name ${host} could not be turned into an address.`;
    default:
      return `Port ${port} on ${host} is not reachable.`;
  }
}

export const connectivityRepair: Repair = {
  id: 'connectivity',
  title: 'Check that the remote computer answers',
  reads(ctx) {
    // Both ops sit in the one scan batch, so the probe runs even if resolution fails (it then says 'unresolved').
    return [
      { op: 'net.resolve', host: ctx.target.host },
      {
        op: 'net.probeTcp',
        host: ctx.target.host,
        port: ctx.target.port ?? DEFAULT_RDP_PORT,
        timeoutMs: PROBE_TIMEOUT_MS,
      },
    ];
  },
  diagnose(ctx, results): Finding {
    const { host } = ctx.target;
    const port = ctx.target.port ?? DEFAULT_RDP_PORT;
    const resolved = parse<Resolve>(results[0], ResolveResultSchema);
    const probe = parse<Probe>(results[1], ProbeTcpResultSchema);
    const evidence = [
      {
        label: 'Name resolution',
        value:
          typeof resolved === 'string'
            ? `could not check: ${resolved}`
            : resolved.addresses.length > 0
              ? resolved.addresses.join(', ')
              : 'no address found',
      },
      {
        label: `TCP port ${port}`,
        value:
          typeof probe === 'string'
            ? `could not check: ${probe}`
            : probe.open
              ? `open${probe.address ? ` (${probe.address})` : ''}`
              : (probe.error ?? 'closed'),
      },
    ];
    const finding = (status: Finding['status'], summary: string): Finding => ({
      repairId: 'connectivity',
      status,
      summary,
      explanation: EXPLANATION,
      evidence,
      instructions: [],
    });

    const unresolved =
      (typeof resolved !== 'string' && resolved.addresses.length === 0 && ctx.target.kind === 'dns') ||
      (typeof probe !== 'string' && probe.error === 'unresolved');
    if (unresolved) {
      return finding(
        'problem',
        `The name ${host} does not resolve to an address: check the spelling, your DNS or VPN connection.`,
      );
    }
    if (typeof probe === 'string') {
      return finding('unknown', `Could not test whether ${host} answers on port ${port}.`);
    }
    const problem = probeProblem(host, port, probe);
    if (problem) return finding('problem', problem);
    return finding('ok', `${host} is reachable on port ${port}.`);
  },
  plan: () => [],
};
