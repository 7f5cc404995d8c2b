import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { embeddedHelpersAssembly } from '../interpreter-build.js';
import { INTERPRETER_MODULE_FILE } from '../module-hashes.js';
import { buildHelpersAssembly, HELPERS_FOLDER } from './build-helpers.js';

/*
 * In the slower suite (npm run test:powershell) because it runs dotnet build (a few seconds, a NuGet restore the
 * first time). The unit suite checks the rest of the module against its sources; this checks the embedded
 * DLL, the one part of the module that is not text, is exactly what the sources in helpers/ build to.
 */

const scratch = mkdtempSync(join(tmpdir(), 'rdp-repair-helpers-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the precompiled C# helpers', () => {
  it('the module embeds exactly a fresh build of helpers/, built in another folder (npm run build:powershell)', () => {
    // A copy elsewhere, with its own obj/: the bytes may depend on neither the repository's path nor its state.
    const copy = join(scratch, 'elsewhere', 'RdpRepair.Helpers');
    mkdirSync(copy, { recursive: true });
    for (const file of readdirSync(HELPERS_FOLDER).filter((f) => /\.(cs|csproj)$/.test(f)))
      copyFileSync(join(HELPERS_FOLDER, file), join(copy, file));
    const fresh = buildHelpersAssembly(join(copy, 'RdpRepair.Helpers.csproj'));
    const module = readFileSync(join(HELPERS_FOLDER, '..', INTERPRETER_MODULE_FILE), 'utf8');
    const embedded = embeddedHelpersAssembly(module);
    expect(embedded, 'the module embeds no helpers assembly').toBeDefined();
    expect(embedded?.equals(fresh), 'the embedded helpers differ from a fresh build of helpers/').toBe(true);
  }, 300_000);
});
