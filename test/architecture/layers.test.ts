import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The "may import" column of docs/architecture.md, enforced: every relative import of a source file (tests and
 * test support aside) lands in a folder its own folder may import, and the Electron and React packages are
 * imported only where the table says. Change the table and this map together.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

const MAY_IMPORT: Record<string, readonly string[]> = {
  shared: ['shared'],
  machine: ['shared', 'machine'],
  network: ['shared', 'network'],
  engine: ['shared', 'machine', 'network', 'engine'],
  hosts: ['shared', 'machine', 'network', 'engine', 'hosts'],
  electron: ['shared', 'machine', 'network', 'engine', 'hosts', 'electron'],
  renderer: ['shared', 'renderer'],
};

/**
 * The one import of the package manifest: the CLI's --version (esbuild inlines the version string alone). Nothing
 * else reads package.json, so the manifest cannot become a back door between layers.
 */
const MANIFEST_READERS = ['hosts/cli/version.ts'];

/** Only these files may import the electron package: the thin edge. */
const ELECTRON_EDGE = ['electron/main.ts', 'electron/preload.ts', 'electron/ipc.ts', 'electron/log.ts'];

function sourceFiles(folder: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        // A tests/ folder is test code (runners, exports for Pester): exempt like *.test.ts.
        if (!['node_modules', 'fixtures', 'tests'].includes(entry.name)) walk(path);
      } else if (
        /\.(ts|tsx)$/.test(entry.name) &&
        !/\.test\.(ts|tsx)$|\.test-support\.ts$/.test(entry.name)
      ) {
        out.push(path);
      }
    }
  };
  // A folder the table names before it exists (network/) has nothing to check yet.
  if (existsSync(join(root, folder))) walk(join(root, folder));
  return out;
}

function importsOf(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]/g))
    found.push(match[1]!);
  for (const match of text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(match[1]!);
  return found;
}

const topFolder = (path: string) => relative(root, path).split(sep)[0] ?? '';

describe('layers', () => {
  for (const [folder, allowed] of Object.entries(MAY_IMPORT)) {
    it(`${folder}/ imports only from ${allowed.join(', ')}`, () => {
      const violations: string[] = [];
      for (const file of sourceFiles(folder)) {
        const text = readFileSync(file, 'utf8');
        for (const specifier of importsOf(text)) {
          const name = relative(root, file).split(sep).join('/');
          if (specifier.startsWith('.')) {
            const target = topFolder(resolve(dirname(file), specifier));
            if (target === 'package.json' && MANIFEST_READERS.includes(name)) continue;
            if (!allowed.includes(target)) violations.push(`${name} imports ${specifier} (${target}/)`);
          } else if (
            (specifier === 'electron' || specifier.startsWith('electron/')) &&
            !ELECTRON_EDGE.includes(name)
          ) {
            violations.push(`${name} imports electron outside the edge`);
          } else if (/^(react|react-dom|@fluentui\/|zustand)/.test(specifier) && folder !== 'renderer') {
            violations.push(`${name} imports ${specifier} outside the renderer`);
          }
        }
      }
      expect(violations).toEqual([]);
    });
  }

  it('shared/ uses no Node or DOM API (contracts import nothing inward)', () => {
    const violations = sourceFiles('shared').flatMap((file) =>
      importsOf(readFileSync(file, 'utf8'))
        .filter((s) => s.startsWith('node:') || (!s.startsWith('.') && s !== 'zod'))
        .map((s) => `${relative(root, file)} imports ${s}`),
    );
    expect(violations).toEqual([]);
  });

  it('sees the folders it checks (a moved folder fails here instead of passing silently)', () => {
    for (const folder of ['shared', 'machine', 'engine', 'hosts', 'electron', 'renderer']) {
      expect(sourceFiles(folder).length).toBeGreaterThan(0);
    }
  });
});
