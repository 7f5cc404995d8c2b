import type { MachinePort } from '../machine/port.js';
import { type Finding, type PlannedChange, PlannedChangeSchema } from '../shared/findings.js';
import { type Op, type OpResult, type SystemFacts, SystemFactsSchema } from '../shared/ops.js';
import type { Repair, RepairContext } from './repair.js';

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

/** Every repair's reads plus the system facts, as ONE read batch; the results are split back per repair. */
export async function scanMachine(
  machine: MachinePort,
  repairs: readonly Repair[],
  context: RepairContext,
  signal?: AbortSignal,
): Promise<ScanOutcome> {
  const ops: Op[] = [{ op: 'system.facts' }];
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
  const results = await machine.run(ops, { mode: 'read', signal });
  const facts = results[0]?.ok ? SystemFactsSchema.safeParse(results[0].value) : undefined;
  return {
    context,
    facts: facts?.success ? facts.data : undefined,
    repairs: slices.map((s) =>
      judge(s.repair, context, results.slice(s.start, s.start + s.count), s.readsFailed),
    ),
  };
}
