import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { acquireApplyLock } from '../../engine/apply-lock.js';

/*
 * One racer of engine/apply-lock.test.ts, in its own process: says it is ready, waits for the start signal
 * (a file, bounded), tries the lock once, and while holding it checks that nobody else holds it too.
 * Prints one JSON line: { acquired, overlap }.
 */

const [lockFile, arena, name] = process.argv.slice(2) as [string, string, string];
const holders = join(arena, 'holders');
mkdirSync(holders, { recursive: true });
writeFileSync(join(arena, `ready-${name}`), '');
const deadline = Date.now() + 20_000;
while (!existsSync(join(arena, 'go')) && Date.now() < deadline) {
  await new Promise((resolve) => setTimeout(resolve, 2));
}
let acquired = false;
let overlap = false;
try {
  const lock = await acquireApplyLock(lockFile);
  acquired = true;
  writeFileSync(join(holders, name), '');
  // Hold it for a moment, looking for anyone else who believes they hold it too.
  const until = Date.now() + 30;
  while (Date.now() < until) if (readdirSync(holders).length > 1) overlap = true;
  rmSync(join(holders, name));
  lock.release();
} catch (error) {
  if (!(error instanceof Error) || !/Another RDP Repair run/.test(error.message)) throw error;
}
console.log(JSON.stringify({ acquired, overlap }));
