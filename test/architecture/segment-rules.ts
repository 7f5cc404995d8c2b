import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { importsOf } from './imports.js';

/*
 * Layers below the top level (issue 21), as VS Code checks its layers per path segment: each source file takes
 * the rule of the longest folder (or file) prefix that names it, and each relative import must land under one of
 * that rule's prefixes. A prefix ending in "/*" means the files directly in that folder, not its subfolders: the
 * machine port is machine/*.ts, the simulated and PowerShell machines behind it are machine/<kind>/. Tests and
 * test support are not checked (they may reach across to set things up); layers.test.ts checks the top level.
 */

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The top-level folders that hold this project's code and tests. */
export const CODE_FOLDERS = [
  'shared',
  'engine',
  'machine',
  'network',
  'hosts',
  'electron',
  'renderer',
  'scripts',
  'e2e',
  'test',
];

/** The machine port: the interface, its decorators and the machine-file type, never an implementation. */
export const MACHINE_PORT = 'machine/*';
/** The network port and the pure readings of what a probe returns. */
const NETWORK_PORT = 'network/*';

const BELOW_HOSTS = ['shared/', 'machine/', 'network/', 'engine/'];

export const RULES: Record<string, readonly string[]> = {
  'shared/': ['shared/'],
  'machine/': ['shared/', MACHINE_PORT],
  'machine/simulated/': ['shared/', MACHINE_PORT, 'machine/simulated/'],
  'machine/powershell/': ['shared/', MACHINE_PORT, 'machine/powershell/'],
  // The remote machine runs the same interpreter module over PowerShell remoting.
  'machine/remote/': ['shared/', MACHINE_PORT, 'machine/remote/', 'machine/powershell/'],
  'machine/contract/': ['shared/', MACHINE_PORT, 'machine/contract/'],
  'network/': ['shared/', 'network/'],
  'engine/': ['shared/', 'engine/', MACHINE_PORT, NETWORK_PORT],
  // A repair sees its harness (engine/repair.ts), the Windows knowledge the repairs share, and shared/.
  'engine/repairs/': ['shared/', 'engine/repairs/', 'engine/repair.ts', 'engine/windows/', MACHINE_PORT],
  'engine/windows/': ['shared/', 'engine/windows/', MACHINE_PORT],
  'hosts/': [...BELOW_HOSTS, 'hosts/'],
  // The one reader of the manifest: --version (esbuild inlines the version string alone).
  'hosts/cli/version.ts': [...BELOW_HOSTS, 'hosts/', 'package.json'],
  'electron/': [...BELOW_HOSTS, 'hosts/', 'electron/'],
  'renderer/': ['shared/', 'renderer/'],
};

/** The rule for a file: its longest matching prefix. */
export function ruleFor(file: string): string | undefined {
  return Object.keys(RULES)
    .filter((prefix) => file.startsWith(prefix))
    .sort((a, b) => b.length - a.length)[0];
}

/** Whether `target` (a repo-relative path) lies under `prefix` ("x/" a whole folder, "x/*" its own files, or a file). */
export function under(target: string, prefix: string): boolean {
  if (prefix.endsWith('/*')) {
    const folder = prefix.slice(0, -1);
    return target.startsWith(folder) && !target.slice(folder.length).includes('/');
  }
  return prefix.endsWith('/') ? target.startsWith(prefix) : target === prefix;
}

/** Every import that breaks its file's rule, as "file imports target". */
export function violationsOf(file: string, text: string): string[] {
  const rule = ruleFor(file);
  if (!rule) return [];
  const allowed = RULES[rule] ?? [];
  return importsOf(text)
    .filter((specifier) => specifier.startsWith('.'))
    .map((specifier) => {
      const absolute = resolve(root, dirname(file), specifier);
      return relative(root, absolute).split(sep).join('/').replace(/\.js$/, '.ts');
    })
    .filter((target) => !target.startsWith('..') && !allowed.some((prefix) => under(target, prefix)))
    .map((target) => `${file} imports ${target} (rule ${rule})`);
}
