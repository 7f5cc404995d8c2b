import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parseInterpreterOutput } from '../../machine/powershell/interpreter-output.js';
import { OP_RESULT_SCHEMAS, type Op, OpResultSchema } from '../../shared/ops.js';
import { damageJson, damageText, FUZZ_SEED, type Json, jsonDamage, textDamage } from './mutations.js';

/*
 * What comes back from PowerShell is parsed with a schema per op. Whatever the output (noise, a torn
 * document, a result of the wrong shape), the parser gives exactly one result per op, each well-formed,
 * and never throws; an unreadable document fails every op, so no write is believed done.
 */

const OPS: Op[] = [
  {
    op: 'registry.readValue',
    path: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client',
    name: 'fClientDisableUDP',
  },
  { op: 'service.status', name: 'TermService' },
  { op: 'net.probeTcp', host: 'server01', port: 3389, timeoutMs: 1000 },
  {
    op: 'registry.setValue',
    path: 'HKLM\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services\\Client',
    name: 'fClientDisableUDP',
    value: { type: 'REG_DWORD', data: 1 },
  },
];

const GOOD = {
  protocol: 1,
  results: [
    { ok: true, value: { exists: true, value: { type: 'REG_DWORD', data: 0 } } },
    { ok: true, value: { exists: true, status: 'Running' } },
    { ok: true, value: { open: true, address: '10.1.2.3' } },
    { ok: true, value: null },
  ],
};
const GOOD_TEXT = JSON.stringify(GOOD);
const counts = { tried: 0, allFailed: 0, someFailed: 0, allOk: 0, crashes: 0 };

afterAll(() => {
  console.log(
    `fuzz / PowerShell results: ${counts.tried} malformed outputs, ${counts.allFailed} failed every op, ` +
      `${counts.someFailed} failed some ops, ${counts.allOk} still valid, ${counts.crashes} crashes`,
  );
});

function check(raw: string): void {
  counts.tried++;
  let results: ReturnType<typeof parseInterpreterOutput>;
  try {
    results = parseInterpreterOutput(raw, OPS);
  } catch (error) {
    counts.crashes++;
    throw error;
  }
  expect(results).toHaveLength(OPS.length);
  results.forEach((result, i) => {
    expect(OpResultSchema.safeParse(result).success).toBe(true);
    if (result.ok) {
      const op = OPS[i] as Op;
      expect(OP_RESULT_SCHEMAS[op.op].safeParse(result.value).success).toBe(true);
    } else {
      expect(result.error.message.length).toBeGreaterThan(0);
    }
  });
  const failed = results.filter((r) => !r.ok).length;
  if (failed === OPS.length) counts.allFailed++;
  else if (failed > 0) counts.someFailed++;
  else counts.allOk++;
}

describe('fuzz: PowerShell interpreter output', () => {
  it('the good document parses to four results', () => {
    expect(parseInterpreterOutput(GOOD_TEXT, OPS).every((r) => r.ok)).toBe(true);
  });

  it('arbitrary text and JSON', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string({ maxLength: 300, unit: 'binary' }), fc.json({ maxDepth: 4 })),
        (raw) => {
          check(raw);
        },
      ),
      { seed: FUZZ_SEED, numRuns: 300 },
    );
  });

  it('the good document with damaged bytes, with noise before it', () => {
    fc.assert(
      fc.property(
        textDamage,
        fc.constantFrom('', 'WARNING: profile loaded\r\n', '\uFEFF'),
        (damage, noise) => {
          check(noise + damageText(GOOD_TEXT, damage));
        },
      ),
      { seed: FUZZ_SEED, numRuns: 300 },
    );
  });

  it('the good document with a field removed or replaced', () => {
    fc.assert(
      fc.property(jsonDamage, (damage) => {
        check(JSON.stringify(damageJson(GOOD as Json, damage) ?? null));
      }),
      { seed: FUZZ_SEED, numRuns: 400 },
    );
  });
});
