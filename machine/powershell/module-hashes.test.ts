import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildInterpreterModule, embeddedHelpersAssembly } from './interpreter-build.js';
import {
  ELEVATED_LAUNCHER_FILE,
  ELEVATED_LAUNCHER_SHA256,
  INTERPRETER_MODULE_FILE,
  INTERPRETER_MODULE_SHA256,
} from './module-hashes.js';
import { sha256Hex } from './module-integrity.js';

const here = dirname(fileURLToPath(import.meta.url));
const shippedModule = () => readFileSync(join(here, INTERPRETER_MODULE_FILE), 'utf8');

describe('shipped PowerShell hashes', () => {
  it('the committed module is the build of interpreter/*.ps1, the allow-list and its helpers (npm run build:powershell)', () => {
    // The helpers' bytes are checked against a fresh dotnet build in helpers-build.pwsh.test.ts.
    const helpers = embeddedHelpersAssembly(shippedModule());
    expect(helpers).toBeDefined();
    expect(shippedModule()).toBe(buildInterpreterModule(helpers ?? Buffer.alloc(0)));
  });

  it("the shipped module contains no Add-Type: no compiler runs in the user's session, elevated or not", () => {
    expect(shippedModule()).not.toMatch(/Add-Type/i);
  });

  it('the module embeds the compiled helpers (RdpRepair.Helpers), so its hash covers their bytes', () => {
    const helpers = embeddedHelpersAssembly(shippedModule());
    expect(helpers?.subarray(0, 2).toString('latin1')).toBe('MZ');
    // The metadata's string heap names the assembly and both helper types.
    const text = helpers?.toString('latin1') ?? '';
    for (const name of ['RdpRepair.Helpers', 'CredentialStore', 'RawRegistry']) expect(text).toContain(name);
  });

  it('embeds exactly the bytes it is given, and finds them again', () => {
    const bytes = Buffer.from([0x4d, 0x5a, 0x00, 0xff, 0x10, 0x3e, 0x3f]);
    expect(embeddedHelpersAssembly(buildInterpreterModule(bytes))).toEqual(bytes);
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
