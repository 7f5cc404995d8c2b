import { isDeepStrictEqual } from 'node:util';
import { comparableResult, type ExpectedResult } from '../../machine/contract/contract-cases.js';
import type { Op, OpResult } from '../../shared/ops.js';

/*
 * How npm run test:wine compares Wine's answers with the simulated machine's: op by op, as plain JSON, errors
 * by code only, with the one tolerance Wine needs (Archive) spelled out.
 */

/** The same value as plain JSON: the simulated machine keeps value names in maps without a prototype. */
const plain = (value: unknown): unknown =>
  value === undefined ? undefined : JSON.parse(JSON.stringify(value));

/**
 * Wine reports FILE_ATTRIBUTE_ARCHIVE on every regular file (it makes the attribute up rather than store it),
 * so Archive cannot be cleared there. Where the simulated answer has no Archive, Wine's is dropped; every
 * other attribute must agree. Windows keeps Archive as set, which is what the simulated machine does.
 */
export function withoutWineArchive(op: Op, wine: unknown, simulated: unknown): unknown {
  type Read = { ok: true; value: { exists: true; attributes: string[] } };
  const isRead = (r: unknown): r is Read =>
    typeof r === 'object' &&
    r !== null &&
    (r as Read).ok === true &&
    Array.isArray((r as Read).value?.attributes);
  if (op.op !== 'file.read' || !isRead(wine) || !isRead(simulated)) return wine;
  if (simulated.value.attributes.includes('Archive')) return wine;
  return {
    ...wine,
    value: { ...wine.value, attributes: wine.value.attributes.filter((a) => a !== 'Archive') },
  };
}

/** Differences between Wine's results and the simulated machine's, one line per op, with both answers. */
export function differences(
  label: string,
  ops: readonly Op[],
  wine: OpResult[],
  simulated: readonly ExpectedResult[],
) {
  const lines: string[] = [];
  for (const [i, op] of ops.entries()) {
    const sim = plain(simulated[i]);
    const got = withoutWineArchive(op, plain(wine[i] ? comparableResult(wine[i]) : undefined), sim);
    if (!isDeepStrictEqual(got, sim))
      lines.push(
        `${label} op ${i + 1} (${op.op}): Wine ${JSON.stringify(wine[i])} | simulated ${JSON.stringify(sim)}`,
      );
  }
  return lines;
}
