import { z } from 'zod';
import {
  OP_RESULT_SCHEMAS,
  type Op,
  type OpErrorCode,
  OpErrorSchema,
  type OpResult,
  OpResultSchema,
} from '../../shared/ops.js';
import type { RunOptions } from '../port.js';

// What RdpRepair.Interpreter.psm1 writes: one document, either per-op results or a batch-level error. A
// batch-level error means no op ran (the batch was unreadable, a hash did not match), unless the elevated
// launcher says it had `started` the batch when it failed.
const InterpreterDocumentSchema = z.union([
  z.object({ protocol: z.literal(1), results: z.array(z.unknown()) }),
  z.object({ protocol: z.literal(1), error: OpErrorSchema, started: z.boolean().optional() }),
]);

export function failAll(ops: readonly Op[], code: OpErrorCode, message: string): OpResult[] {
  return ops.map(() => ({ ok: false, error: { code, message } }));
}

function parseJsonDocument(raw: string): unknown {
  const text = raw.replace(/^\uFEFF/, '').trim();
  try {
    return JSON.parse(text);
  } catch {
    // Something else reached stdout before the document (a profile, a warning): the document is the last line.
    const last =
      text
        .split(/\r?\n/)
        .pop()
        ?.replace(/^\uFEFF/, '') ?? '';
    return JSON.parse(last);
  }
}

function checkResult(op: Op, entry: unknown, index: number): OpResult {
  const parsed = OpResultSchema.safeParse(entry);
  if (!parsed.success) {
    return {
      ok: false,
      error: {
        code: 'failed',
        message: `PowerShell returned a malformed result for op ${index + 1} (${op.op}).`,
      },
    };
  }
  if (!parsed.data.ok) return parsed.data;
  const value = OP_RESULT_SCHEMAS[op.op].safeParse(parsed.data.value);
  if (!value.success) {
    return {
      ok: false,
      error: {
        code: 'failed',
        message: `PowerShell returned a result of the wrong shape for op ${index + 1} (${op.op}): ${value.error.issues[0]?.message ?? 'invalid'}.`,
      },
    };
  }
  return { ok: true, value: value.data };
}

/** Every op of a batch that stopped part-way, with one message. */
export function interrupted(ops: readonly Op[], mode: RunOptions['mode'], message: string): OpResult[] {
  // A write batch stopped mid-way may have applied some changes: "failed" (state unknown) lets the caller undo
  // them all, since every inverse is idempotent. A read batch changed nothing.
  return failAll(ops, mode === 'write' ? 'failed' : 'cancelled', message);
}

/** Turns the interpreter's stdout into one result per op. Never throws: anything unreadable fails every op. */
export function parseInterpreterOutput(raw: string, ops: readonly Op[]): OpResult[] {
  let json: unknown;
  try {
    json = parseJsonDocument(raw);
  } catch {
    const preview = raw.replace(/\s+/g, ' ').trim().slice(0, 120);
    return failAll(ops, 'failed', `PowerShell answered with something that is not JSON: "${preview}".`);
  }
  const document = InterpreterDocumentSchema.safeParse(json);
  if (!document.success) {
    return failAll(ops, 'failed', 'PowerShell answered with JSON that is not an RDP Repair result document.');
  }
  if ('error' in document.data) {
    const { error, started } = document.data;
    // `skipped` is "did not run": the engine then neither rolls back nor asks for permission again.
    if (started !== true) return failAll(ops, 'skipped', `Nothing was run: ${error.message}`);
    return failAll(ops, error.code, error.message);
  }
  const results = document.data.results;
  if (results.length !== ops.length) {
    return failAll(
      ops,
      'failed',
      `PowerShell returned ${results.length} results for ${ops.length} ops; none of them can be trusted.`,
    );
  }
  return ops.map((op, index) => checkResult(op, results[index], index));
}
