import type { OpName, OpOf } from '../../../shared/ops.js';

/*
 * What every family's preview lines share. Not a family itself: test/architecture/op-families.test.ts knows
 * this file by name. The rules for what a preview may contain are in ../powershell-preview.ts.
 */

// PowerShell treats the curly single quotes as quote characters too, so they are doubled as well.
export function psQuote(text: string): string {
  return `'${text.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

export type PreviewLines<N extends OpName> = (op: OpOf<N>) => string[];

/** One preview per op name, as Dispatch.ps1 maps each name to its Invoke-Op function. */
export type PreviewTable<N extends OpName> = { readonly [K in N]: PreviewLines<K> };
