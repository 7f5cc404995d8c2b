import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { comparableResult } from '../../machine/contract/contract-cases.js';
import { parseInterpreterOutput } from '../../machine/powershell/interpreter-output.js';
import { encodeBatch } from '../../machine/powershell/powershell-commands.js';
import { SimulatedMachine } from '../../machine/simulated/simulated-machine.js';
import type { Op, OpResult } from '../../shared/ops.js';
import { differences } from './compare-results.js';
import type { WinePlan } from './wine-cases.js';
import type { WineHost } from './wine-host-client.js';

/*
 * One contract case on both interpreters: the module under Wine and the simulated machine, from the same
 * starting machine. They must give the same results op by op (errors by code: the wording is each one's own)
 * and leave the same machine behind. (That the simulated machine gives what the table expects is checked by
 * machine/contract/simulated-contract.test.ts.)
 */

const BATCH_TIMEOUT_MS = 60_000;

export type CaseOutcome = { passed: true } | { passed: false; failures: string[] };

async function runOnWine(
  host: WineHost,
  ops: readonly Op[],
  options: { mode: 'read' | 'write'; elevated: boolean; registryRoot?: string; documents?: string },
  what: string,
): Promise<OpResult[]> {
  const line = await host.ask(
    {
      kind: 'batch',
      encodedBatch: encodeBatch({ ops, mode: options.mode, elevated: options.elevated }),
      ...(options.registryRoot ? { testRegistryRoot: options.registryRoot } : {}),
      ...(options.documents ? { documentsFolder: options.documents } : {}),
    },
    what,
    BATCH_TIMEOUT_MS,
  );
  return parseInterpreterOutput(line, ops);
}

/** Saved passwords are machine-wide in the prefix: each credential case starts and ends with none. */
async function clearCredentials(host: WineHost): Promise<void> {
  const [list] = await runOnWine(
    host,
    [{ op: 'credential.list', targetPrefix: 'TERMSRV/' }],
    { mode: 'read', elevated: false },
    'list saved passwords',
  );
  const saved = list?.ok ? (list.value as { target: string; type: 'Generic' | 'DomainPassword' }[]) : [];
  if (saved.length === 0) return;
  const deletes: Op[] = saved.map((c) => ({ op: 'credential.delete', target: c.target, type: c.type }));
  await runOnWine(host, deletes, { mode: 'write', elevated: false }, 'delete saved passwords');
}

export async function runCase(
  host: WineHost,
  plan: Extract<WinePlan, { kind: 'run' }>,
  prefix: string,
): Promise<CaseOutcome> {
  const c = plan.contractCase;
  const id = randomUUID().replace(/-/g, '');
  const registryRoot = `HKCU\\Software\\RdpRepairContractTest\\${id}`;
  mkdirSync(join(prefix, 'drive_c', 'rdp-repair-docs', id), { recursive: true });
  const where = { registryRoot, documents: `C:\\rdp-repair-docs\\${id}` };
  const failures: string[] = [];

  if (plan.credentials.length > 0) await clearCredentials(host);
  for (const seed of plan.credentials) {
    const answer = JSON.parse(
      await host.ask({ kind: 'seedCredential', ...seed }, `seed ${seed.target}`, BATCH_TIMEOUT_MS),
    ) as { ok: boolean; error?: string };
    if (!answer.ok) failures.push(`setup: saving ${seed.target} failed: ${answer.error ?? 'no reason'}`);
  }
  for (const seed of plan.registrySeeds) {
    const subKey = `Software\\RdpRepairContractTest\\${id}\\${seed.subKey}`;
    await host.ask(
      { kind: 'seedRegistryKey', subKey, values: seed.values },
      `seed ${seed.subKey}`,
      BATCH_TIMEOUT_MS,
    );
  }
  if (plan.setup.length > 0) {
    const setup = await runOnWine(host, plan.setup, { mode: 'write', elevated: false, ...where }, 'setup');
    for (const [i, r] of setup.entries())
      if (!r.ok) failures.push(`setup op ${i + 1} (${plan.setup[i]?.op}): ${r.error.message}`);
  }
  if (failures.length > 0) return { passed: false, failures };

  const elevated = c.runOptions.elevated ?? false;
  const simulated = new SimulatedMachine(c.machine);
  const wine = await runOnWine(host, c.ops, { mode: c.runOptions.mode, elevated, ...where }, 'run');
  const sim = (await simulated.run(c.ops, c.runOptions)).map(comparableResult);
  failures.push(...differences('result of', c.ops, wine, sim));
  if (plan.checks) {
    const { ops } = plan.checks;
    const wineAfter = await runOnWine(host, ops, { mode: 'read', elevated: false, ...where }, 'check');
    const simAfter = (await simulated.run(ops, { mode: 'read' })).map(comparableResult);
    failures.push(...differences('machine after, check', ops, wineAfter, simAfter));
  }
  if (plan.credentials.length > 0) await clearCredentials(host);
  return failures.length === 0 ? { passed: true } : { passed: false, failures };
}
