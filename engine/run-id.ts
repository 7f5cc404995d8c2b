import { randomBytes } from 'node:crypto';

/** `run-20261120-101500-3f9a1c`: sorts by start time, unique enough for one user's history. */
export function newRunId(now: Date): string {
  const stamp = now
    .toISOString()
    .replace(/\.\d+Z$/, '')
    .replace(/[-:]/g, '')
    .replace('T', '-')
    .toLowerCase();
  return `run-${stamp}-${randomBytes(3).toString('hex')}`;
}
