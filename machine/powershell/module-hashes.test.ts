import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildInterpreterModule } from './interpreter-build.js';
import {
  ELEVATED_LAUNCHER_FILE,
  ELEVATED_LAUNCHER_SHA256,
  INTERPRETER_MODULE_FILE,
  INTERPRETER_MODULE_SHA256,
} from './module-hashes.js';
import { sha256Hex } from './module-integrity.js';

const here = dirname(fileURLToPath(import.meta.url));

describe('shipped PowerShell hashes', () => {
  it('the committed module is the build of interpreter/*.ps1 and the allow-list (npm run build:powershell)', () => {
    expect(readFileSync(join(here, INTERPRETER_MODULE_FILE), 'utf8')).toBe(buildInterpreterModule());
  });

  it('the module embeds the shared allow-list, so its hash covers it', () => {
    const allowList = JSON.parse(
      readFileSync(join(here, '..', '..', 'shared', 'machine-allow-list.json'), 'utf8'),
    );
    const module = readFileSync(join(here, INTERPRETER_MODULE_FILE), 'utf8');
    for (const root of allowList.registryKeys) expect(module).toContain(JSON.stringify(root));
  });

  it('match the interpreter module (npm run build:powershell after changing it)', () => {
    expect(sha256Hex(readFileSync(join(here, INTERPRETER_MODULE_FILE)))).toBe(INTERPRETER_MODULE_SHA256);
  });

  it('match the elevated launcher', () => {
    expect(sha256Hex(readFileSync(join(here, ELEVATED_LAUNCHER_FILE)))).toBe(ELEVATED_LAUNCHER_SHA256);
  });
});
