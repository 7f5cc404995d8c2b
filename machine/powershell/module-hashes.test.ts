import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  ELEVATED_LAUNCHER_FILE,
  ELEVATED_LAUNCHER_SHA256,
  INTERPRETER_MODULE_FILE,
  INTERPRETER_MODULE_SHA256,
} from './module-hashes.js';
import { sha256Hex } from './module-integrity.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('shipped PowerShell hashes', () => {
  it('match the interpreter module (run update-module-hashes.ts after changing it)', () => {
    expect(sha256Hex(readFileSync(join(here, INTERPRETER_MODULE_FILE)))).toBe(INTERPRETER_MODULE_SHA256);
  });

  it('match the elevated launcher', () => {
    expect(sha256Hex(readFileSync(join(here, ELEVATED_LAUNCHER_FILE)))).toBe(ELEVATED_LAUNCHER_SHA256);
  });
});
