// The one build command: Vite for the renderer, esbuild for main, preload, the CLI and the web demo.
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
// Lets the lead make every entry mandatory once all helpers have delivered.
const strict = process.argv.includes('--strict') || process.env.RDP_REPAIR_BUILD_STRICT === '1';

const ESM_REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** Each bundle, with the files it cannot be built without (its entry and the modules other helpers deliver). */
const bundles = [
  {
    name: 'electron main',
    entry: 'electron/main.ts',
    outfile: 'dist/electron/main.cjs',
    options: { platform: 'node', format: 'cjs', external: ['electron'] },
  },
  {
    name: 'electron preload',
    entry: 'electron/preload.ts',
    outfile: 'dist/electron/preload.cjs',
    options: { platform: 'node', format: 'cjs', external: ['electron'] },
  },
  {
    name: 'cli',
    entry: 'cli/rdp-repair.ts',
    outfile: 'dist/cli/rdp-repair.mjs',
    options: { platform: 'node', format: 'esm', banner: { js: ESM_REQUIRE_BANNER } },
  },
  {
    name: 'web demo server',
    entry: 'scripts/web-demo/server.ts',
    requires: ['engine/ipc-handlers.ts', 'machine/machine-file.ts', 'machine/simulated/simulated-machine.ts'],
    outfile: 'dist/web-demo/server.mjs',
    options: { platform: 'node', format: 'esm', banner: { js: ESM_REQUIRE_BANNER } },
  },
  {
    name: 'web demo bridge',
    entry: 'renderer/bridge/http-bridge.ts',
    outfile: 'dist/web-demo/bridge.js',
    options: { platform: 'browser', format: 'iife', target: 'chrome120' },
  },
];

function missingFiles(files) {
  return files.filter((file) => !existsSync(join(root, file)));
}

async function buildRenderer() {
  await viteBuild({
    configFile: join(root, 'renderer/vite.config.ts'),
    logLevel: 'warn',
  });
  console.log(`built renderer -> ${relative(root, join(dist, 'renderer'))}`);
}

async function buildBundle(bundle) {
  const missing = missingFiles([bundle.entry, ...(bundle.requires ?? [])]);
  if (missing.length > 0) {
    const message = `${bundle.name}: skipped, missing ${missing.join(', ')}`;
    if (strict) throw new Error(message);
    console.warn(`warning: ${message}`);
    return false;
  }
  try {
    await esbuild({
      entryPoints: [join(root, bundle.entry)],
      outfile: join(root, bundle.outfile),
      bundle: true,
      sourcemap: true,
      target: 'node20',
      logLevel: 'silent',
      ...bundle.options,
    });
  } catch (error) {
    // Until every helper has delivered, an import of a module not written yet only skips that bundle.
    const unresolved = (error.errors ?? []).filter((e) => e.text.startsWith('Could not resolve'));
    if (strict || unresolved.length === 0 || unresolved.length !== error.errors.length) throw error;
    console.warn(`warning: ${bundle.name}: skipped, ${unresolved.map((e) => e.text).join('; ')}`);
    return false;
  }
  console.log(`built ${bundle.name} -> ${bundle.outfile}`);
  return true;
}

await rm(dist, { recursive: true, force: true });
await buildRenderer();
for (const bundle of bundles) await buildBundle(bundle);
