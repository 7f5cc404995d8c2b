import { describe, expect, it } from 'vitest';
import { OP_RESULT_SCHEMAS } from '../../shared/ops.js';
import { SimulatedMachine } from '../simulated/simulated-machine.js';
import {
  CONTRACT_CASES,
  comparableResult,
  contractCasesAsJson,
  machineAfterChecks,
} from './contract-cases.js';

describe('contract cases against the simulated machine', () => {
  it.each(CONTRACT_CASES.map((c) => [c.name, c] as const))('%s', async (_name, contractCase) => {
    const machine = new SimulatedMachine(contractCase.machine);
    const results = await machine.run(contractCase.ops, contractCase.runOptions);

    expect(results.map(comparableResult)).toEqual(contractCase.expectedResults);
    for (const [index, result] of results.entries()) {
      const op = contractCase.ops[index];
      if (result.ok && op) expect(OP_RESULT_SCHEMAS[op.op].safeParse(result.value).success).toBe(true);
    }

    if (contractCase.expectedMachineAfter) {
      const checks = machineAfterChecks(contractCase.expectedMachineAfter);
      const after = await machine.run(checks.ops, { mode: 'read' });
      expect(after.map(comparableResult)).toEqual(checks.expectedResults);
    }
  });

  it('covers every op of the vocabulary', () => {
    const covered = new Set<string>(CONTRACT_CASES.flatMap((c) => c.ops.map((op) => op.op)));
    expect(Object.keys(OP_RESULT_SCHEMAS).filter((name) => !covered.has(name))).toEqual([]);
  });

  it('exports the whole table as JSON that reads back the same', () => {
    const parsed = JSON.parse(contractCasesAsJson()) as { cases: { name: string; ops: unknown[] }[] };
    expect(parsed.cases.map((c) => c.name)).toEqual(CONTRACT_CASES.map((c) => c.name));
    expect(parsed.cases.map((c) => c.ops)).toEqual(CONTRACT_CASES.map((c) => c.ops));
  });
});
