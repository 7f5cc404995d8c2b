import type { MachinePort } from '../machine/port.js';
import { type Finding, type PlannedChange, PlannedChangeSchema } from '../shared/findings.js';
import type { HandshakeProbe } from '../shared/handshake.js';
import { formatHostTarget } from '../shared/host-name.js';
import { type Op, type OpResult, type SystemFacts, SystemFactsSchema } from '../shared/ops.js';
import type { ScanProgress } from '../shared/scan-progress.js';
import type { Verdict } from '../shared/verdict.js';
import type { Repair, RepairContext } from './repair.js';
import { scanSteps } from './scan-steps.js';
import { verdictOf } from './verdict.js';
import { HOST_MODE_READS, type HostMode, hostModeOf } from './windows/host-mode.js';

export interface RepairScan {
  repair: Repair;
  /** The results of exactly the ops `repair.reads` named, in order. */
  results: OpResult[];
  finding: Finding;
  changes: PlannedChange[];
}

export interface ScanOutcome {
  context: RepairContext;
  facts: SystemFacts | undefined;
  repairs: RepairScan[];
  handshake: HandshakeProbe | undefined;
  hostMode: HostMode;
  verdict: Verdict;
}

/** Starts the handshake with the remote computer; called when the batch is sent, so both run at once. */
export type HandshakeSource = () => Promise<HandshakeProbe | undefined>;

export interface ScanOptions {
  signal?: AbortSignal;
  /** None: the handshake check is not-applicable. */
  handshake?: HandshakeSource | undefined;
  /** The steps as they move on (shared/scan-progress.ts), for the progress shown while checking. */
  onProgress?: (progress: ScanProgress) => void;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function unknownFinding(repair: Repair, problem: string): Finding {
  return {
    repairId: repair.id,
    status: 'unknown',
    summary: `Could not check "${repair.title}".`,
    explanation:
      'The check itself failed, so this item could not be judged. The other checks are not affected.',
    evidence: [{ label: 'Error', value: problem }],
    instructions: [],
  };
}

/** A repair's own code failing must not take the whole scan down: that repair alone becomes `unknown`. */
function judge(
  repair: Repair,
  context: RepairContext,
  results: OpResult[],
  readsFailed?: string,
): RepairScan {
  if (readsFailed !== undefined) {
    return { repair, results, finding: unknownFinding(repair, readsFailed), changes: [] };
  }
  let finding: Finding;
  try {
    finding = repair.diagnose(context, results);
  } catch (error) {
    return { repair, results, finding: unknownFinding(repair, errorText(error)), changes: [] };
  }
  try {
    const changes = repair.plan(context, results).map((c) => PlannedChangeSchema.parse(c));
    return { repair, results, finding, changes };
  } catch {
    // A plan that cannot be made (or is malformed) offers no fix; the finding still shows.
    return { repair, results, finding, changes: [] };
  }
}

/**
 * Every repair's reads plus the system facts, as ONE read batch, and the handshake probe beside it; the
 * results are split back per repair, each judged with the handshake in its context.
 */
export async function scanMachine(
  machine: MachinePort,
  repairs: readonly Repair[],
  context: RepairContext,
  options: ScanOptions = {},
): Promise<ScanOutcome> {
  const { signal, handshake: handshakeSource, onProgress } = options;
  const ops: Op[] = [{ op: 'system.facts' }, ...HOST_MODE_READS];
  const slices: { repair: Repair; start: number; count: number; readsFailed?: string }[] = [];
  for (const repair of repairs) {
    try {
      const reads = repair.reads(context);
      slices.push({ repair, start: ops.length, count: reads.length });
      ops.push(...reads);
    } catch (error) {
      slices.push({ repair, start: ops.length, count: 0, readsFailed: errorText(error) });
    }
  }
  const steps = onProgress
    ? scanSteps(formatHostTarget(context.target), handshakeSource !== undefined, onProgress)
    : undefined;
  // The probe never throws (every failure is an outcome); a broken port still must not take the scan down.
  const probe = (handshakeSource?.() ?? Promise.resolve(undefined))
    .catch(() => undefined)
    .finally(() => steps?.remoteDone());
  const read = machine
    .run(ops, { mode: 'read', ...(signal ? { signal } : {}), ...(steps ? { onStage: steps.stage } : {}) })
    .finally(() => steps?.readDone());
  const [results, handshake] = await Promise.all([read, probe]);
  const facts = results[0]?.ok ? SystemFactsSchema.safeParse(results[0].value) : undefined;
  const hostMode = hostModeOf(results.slice(1, 1 + HOST_MODE_READS.length));
  const judged = { ...context, hostMode, ...(handshake ? { handshake } : {}) };
  const scans = slices.map((s) =>
    judge(s.repair, judged, results.slice(s.start, s.start + s.count), s.readsFailed),
  );
  return {
    context,
    facts: facts?.success ? facts.data : undefined,
    repairs: scans,
    handshake,
    hostMode,
    verdict: verdictOf(
      scans.map((r) => r.finding),
      handshake,
    ),
  };
}
