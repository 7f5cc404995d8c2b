import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/*
 * The start screen's script is what the bench's budget measures (npm run bench: at most 1.5x a minimal React
 * page). Its static imports, followed from renderer/src/main.tsx (type-only and dynamic imports left out, as
 * the bundler leaves them out), must not reach a package only the lazy views need. zod had crept in through
 * the "last checked" record and doubled the start script; this keeps it, and the others, out.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const NOT_ON_THE_START_SCREEN = ['zod', 'react-markdown', 'remark-gfm'];

function valueImports(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(
    /(?:^|\n)\s*(import|export)\s+(type\s)?([^'"]*?)\s*from\s+['"]([^'"]+)['"]/g,
  )) {
    const [, , typeOnly, clause = '', specifier = ''] = match;
    // `import { type A, type B }` is erased too.
    const named = /^\{([^}]*)\}$/.exec(clause.trim())?.[1];
    const allTypes = named?.split(',').every((part) => /^\s*type\s/.test(part) || !part.trim()) === true;
    if (!typeOnly && !allTypes) found.push(specifier);
  }
  for (const match of text.matchAll(/(?:^|\n)\s*import\s+['"]([^'"]+)['"]/g)) found.push(match[1] ?? '');
  return found;
}

function localFile(from: string, specifier: string): string | undefined {
  const base = resolve(dirname(from), specifier);
  const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx')];
  return candidates.find((file) => existsSync(file) && /\.(ts|tsx)$/.test(file));
}

function startScreenPackages(): { packages: Map<string, string>; files: number } {
  const packages = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [join(root, 'renderer/src/main.tsx')];
  while (queue.length > 0 && seen.size < 2000) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of valueImports(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) {
        const next = localFile(file, specifier);
        if (next) queue.push(next);
      } else {
        const name = specifier.startsWith('@')
          ? specifier.split('/').slice(0, 2).join('/')
          : specifier.split('/')[0];
        if (name && !packages.has(name)) packages.set(name, relative(root, file));
      }
    }
  }
  return { packages, files: seen.size };
}

describe('the start screen', () => {
  it('loads none of the packages only the lazy views need', () => {
    const { packages, files } = startScreenPackages();
    expect(files).toBeGreaterThan(10);
    expect(packages.has('react')).toBe(true);
    const offenders = NOT_ON_THE_START_SCREEN.filter((name) => packages.has(name)).map(
      (name) => `${name} (imported by ${packages.get(name)})`,
    );
    expect(offenders).toEqual([]);
  });
});
