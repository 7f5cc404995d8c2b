// The one build command: Vite for the renderer, esbuild for main, preload, the CLI and the web demo.
import { rm } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build as esbuild } from 'esbuild';
import { build as viteBuild } from 'vite';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');

const ESM_REQUIRE_BANNER =
  "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);";

/** Each bundle: its entry, its output and the esbuild options that differ. */
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
    entry: 'hosts/cli/rdp-repair.ts',
    outfile: 'dist/cli/rdp-repair.mjs',
    options: { platform: 'node', format: 'esm', banner: { js: ESM_REQUIRE_BANNER } },
  },
  {
    name: 'web demo server',
    entry: 'hosts/web-demo/server.ts',
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

async function buildRenderer() {
  await viteBuild({
    configFile: join(root, 'renderer/vite.config.ts'),
    logLevel: 'warn',
  });
  console.log(`built renderer -> ${relative(root, join(dist, 'renderer'))}`);
}

async function buildBundle(bundle) {
  await esbuild({
    entryPoints: [join(root, bundle.entry)],
    outfile: join(root, bundle.outfile),
    bundle: true,
    sourcemap: true,
    target: 'node20',
    logLevel: 'warning',
    ...bundle.options,
  });
  console.log(`built ${bundle.name} -> ${bundle.outfile}`);
}

await rm(dist, { recursive: true, force: true });
await buildRenderer();
for (const bundle of bundles) await buildBundle(bundle);
