import { afterAll, describe, expect, it } from 'vitest';
import { powershellPreview } from '../../machine/powershell/powershell-preview.js';
import { parseHostTarget } from '../../shared/host-name.js';
import { type Op, OpSchema } from '../../shared/ops.js';
import { HOSTILE_CORPUS } from './corpus.js';

// Characters that mean something to PowerShell, cmd, JSON, the registry or a path: none may survive validation.
const DANGEROUS = /[\s;&|$`'"\u2018-\u201f<>(){}@#!^*?,=+~\\/\0\u200b-\u200f\u202a-\u202e\u2066-\u2069]/u;

const codeOutsideLiterals = (ps: string): string => ps.replace(/'(?:[^']|'')*'/g, "''");

const figures = { tried: 0, accepted: 0, rejected: 0 };

afterAll(() => {
  console.log(
    `hostile corpus / validator: ${figures.tried} inputs tried, ${figures.accepted} accepted, ${figures.rejected} rejected`,
  );
});

describe('hostile corpus through the host validator', () => {
  it('has at least 300 distinct inputs', () => {
    expect(new Set(HOSTILE_CORPUS.map((e) => e.input)).size).toBeGreaterThanOrEqual(300);
  });

  it.each(HOSTILE_CORPUS.map((e) => [JSON.stringify(e.input.slice(0, 60)), e] as const))('%s', (_, entry) => {
    const result = parseHostTarget(entry.input);
    figures.tried++;
    expect(result.ok ? 'accept' : 'reject', entry.why).toBe(entry.expect);
    if (!result.ok) {
      figures.rejected++;
      expect(result.message.length).toBeGreaterThan(10);
      expect(result.message.length).toBeLessThan(400);
      expect(result.message).toMatch(/[.]$/);
      return;
    }
    figures.accepted++;
    const { host } = result.target;
    expect(host).not.toMatch(DANGEROUS);
    // The interpreter re-check agrees, so accepted hosts reach the machine only as op data.
    const ops: Op[] = [
      { op: 'net.resolve', host },
      { op: 'net.probeTcp', host, port: result.target.port ?? 3389, timeoutMs: 1000 },
      { op: 'app.launchMstsc', host },
    ];
    for (const op of ops) expect(OpSchema.safeParse(op).success).toBe(true);
    // In the readable preview the host is only ever a single-quoted literal: the code around the literals
    // is the same as for a plain placeholder name.
    const preview = powershellPreview(ops);
    const placeholder = powershellPreview(ops.map((op) => ({ ...op, host: 'placeholder' })));
    expect(preview.includes(host)).toBe(true);
    expect(codeOutsideLiterals(preview)).toBe(codeOutsideLiterals(placeholder));
  });
});
