import { describe, expect, it } from 'vitest';
import { OpSchema } from '../../../shared/ops.js';
import { CONTRACT_CASES } from '../../contract/contract-cases.js';
import { exportContractCases } from './export-contract-cases.js';

const decode = (b64: string) => JSON.parse(Buffer.from(b64, 'base64').toString('utf8'));

describe('contract case export for the PowerShell runner', () => {
  it('exports every portable case with valid base64 batches and JSON expectations', async () => {
    const exported = JSON.parse(await exportContractCases());
    const portable = CONTRACT_CASES.filter((c) => c.realMachine === 'portable');
    expect(exported.cases).toHaveLength(portable.length);
    expect(exported.cases.length).toBeGreaterThan(0);
    for (const [i, c] of exported.cases.entries()) {
      expect(c.name).toBe(portable[i]!.name);
      for (const op of decode(c.setup).ops) expect(OpSchema.safeParse(op).success).toBe(true);
      expect(decode(c.run).ops).toEqual(portable[i]!.ops);
      expect(JSON.parse(c.expected)).toEqual(portable[i]!.expectedResults);
    }
  });
});
