import { renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import log from 'electron-log/main';
import type { Op, OpResult } from '../shared/ops.js';

/*
 * The main process's log: a rotating file (logs/main.log, one previous file kept) of every batch sent to the
 * machine, its result summary and duration, and every error. Users are asked to open and share it, so ops are
 * logged by name with their non-secret arguments only: a saved password (even DPAPI-protected), file contents,
 * registry data and trees, backup data never reach it; their size is said instead. Results are logged as counts.
 */

const MAX_LOG_BYTES = 1024 * 1024;

export function setUpLog(level: 'info' | 'debug' = 'info'): void {
  log.transports.file.level = level;
  log.transports.file.maxSize = MAX_LOG_BYTES;
  log.transports.file.archiveLogFn = (file) => {
    const previous = file.path.replace(/\.log$/, '.old.log');
    rmSync(previous, { force: true });
    renameSync(file.path, previous);
  };
  log.transports.console.level = level === 'debug' ? 'debug' : false;
  log.errorHandler.startCatching({ showDialog: false });
}

/** For "Open log folder". */
export function logFolder(): string {
  return dirname(log.transports.file.getFile().path);
}

function byteCount(base64: string): number {
  return Math.floor((base64.replace(/=+$/, '').length * 3) / 4);
}

function countKeys(tree: { values: object; subkeys: Record<string, unknown> }): number {
  return 1 + Object.values(tree.subkeys).reduce<number>((n, sub) => n + countKeys(sub as typeof tree), 0);
}

// A field of a future op that carries content is withheld by its name, before anyone remembers to add a case.
const CONTENT_FIELD = /secret|password|content|base64|data|tree|value/i;

function shownArgument(key: string, value: unknown): string {
  return CONTENT_FIELD.test(key) ? `${key}=<withheld>` : `${key}=${JSON.stringify(value)}`;
}

/** One op as a log line: its name and the arguments that are safe to keep. */
export function describeOpForLog(op: Op): string {
  switch (op.op) {
    case 'registry.setValue':
      return `${op.op} ${op.path} "${op.name}" ${op.value.type}`;
    case 'registry.writeKey':
      return `${op.op} ${op.path} (${countKeys(op.tree)} keys)`;
    case 'file.write':
      return `${op.op} documents/${op.name} (${byteCount(op.contentBase64)} bytes withheld, [${op.attributes.join(',')}])`;
    case 'credential.write':
      return `${op.op} target=${JSON.stringify(op.target)} ${op.type} user=${JSON.stringify(op.user)} persist=${op.persist} (password: ${byteCount(op.protectedSecretBase64)} bytes withheld)`;
    case 'events.query':
      return `${op.op} ${op.channel} since ${op.since} max ${op.max}`;
    default: {
      const { op: name, ...args } = op;
      const shown = Object.entries(args).map(([key, value]) => shownArgument(key, value));
      return [name, ...shown].join(' ');
    }
  }
}

export function summarizeResults(results: readonly OpResult[]): string {
  const counts = new Map<string, number>();
  for (const result of results) {
    const key = result.ok ? 'ok' : result.error.code;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return [...counts].map(([key, n]) => `${n} ${key}`).join(', ');
}

export function logBatch(
  batch: { ops: readonly Op[]; mode: 'read' | 'write'; elevated: boolean },
  results: readonly OpResult[],
  durationMs: number,
): void {
  const lines = batch.ops.map((op, i) => {
    const result = results[i];
    const outcome = !result
      ? 'no result'
      : result.ok
        ? 'ok'
        : `${result.error.code}: ${result.error.message}`;
    return `  ${describeOpForLog(op)} -> ${outcome}`;
  });
  log.info(
    `batch ${batch.mode}${batch.elevated ? ' elevated' : ''}: ${batch.ops.length} ops in ${durationMs} ms (${summarizeResults(results)})\n${lines.join('\n')}`,
  );
}

export function logError(context: string, error: unknown): void {
  log.error(`${context}:`, error instanceof Error ? (error.stack ?? error.message) : String(error));
}
