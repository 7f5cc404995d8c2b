import { readFileSync, statSync } from 'node:fs';
import { DEFAULT_RDP_PORT, parseHostTarget } from '../../shared/host-name.js';

/*
 * `--hosts-file FILE`: one computer a line (NAME or NAME:PORT), blank lines and `#` comments ignored. Bounded:
 * a file larger than 1 MB or with more than 10,000 computers is refused rather than read.
 */

const MAX_BYTES = 1024 * 1024;
const MAX_TARGETS = 10_000;

export interface FleetTarget {
  host: string;
  port: number;
}

export function readHostsFile(
  file: string,
): { ok: true; targets: FleetTarget[] } | { ok: false; message: string } {
  let text: string;
  try {
    if (statSync(file).size > MAX_BYTES) return { ok: false, message: `${file} is larger than 1 MB.` };
    text = readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (error) {
    return { ok: false, message: `${file} could not be read: ${(error as Error).message}` };
  }
  const targets: FleetTarget[] = [];
  const lines = text.split(/\r?\n/);
  for (const [index, raw] of lines.entries()) {
    const line = raw.replace(/#.*$/, '').trim();
    if (line.length === 0) continue;
    const parsed = parseHostTarget(line);
    if (!parsed.ok) return { ok: false, message: `Line ${index + 1} of ${file}: ${parsed.message}` };
    targets.push({ host: parsed.target.host, port: parsed.target.port ?? DEFAULT_RDP_PORT });
    if (targets.length > MAX_TARGETS)
      return { ok: false, message: `${file} names more than 10,000 computers.` };
  }
  if (targets.length === 0)
    return { ok: false, message: `${file} names no computer (one a line, NAME or NAME:PORT).` };
  return { ok: true, targets };
}
