import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MACHINE_PORT, RULES, root, ruleFor, under, violationsOf } from './segment-rules.js';

// The per-segment rules (segment-rules.ts) applied to every source file, and shown to fail.

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) {
        if (!['node_modules', 'fixtures', 'test', 'tests'].includes(entry.name)) walk(path);
      } else if (/\.(ts|tsx)$/.test(entry.name) && !/\.test\.(ts|tsx)$|test-support\.ts$/.test(entry.name)) {
        out.push(relative(root, path).split(sep).join('/'));
      }
    }
  };
  for (const folder of Object.keys(RULES).filter((p) => !p.slice(0, -1).includes('/')))
    if (existsSync(join(root, folder))) walk(join(root, folder));
  return out;
}

describe('layers below the top level', () => {
  it('every source file imports only what its segment may', () => {
    const files = sourceFiles();
    expect(files.length).toBeGreaterThan(200);
    const violations = files.flatMap((file) => violationsOf(file, readFileSync(join(root, file), 'utf8')));
    expect(violations).toEqual([]);
  });

  it('the rule is the longest prefix, and "/*" means the folder\'s own files', () => {
    expect(ruleFor('engine/repairs/udp-transport.ts')).toBe('engine/repairs/');
    expect(ruleFor('engine/scan.ts')).toBe('engine/');
    expect(under('machine/port.ts', MACHINE_PORT)).toBe(true);
    expect(under('machine/powershell/powershell-machine.ts', MACHINE_PORT)).toBe(false);
  });

  it('fails on a forbidden import: the engine reaching into an interpreter, or the two interpreters each other', () => {
    expect(
      violationsOf('engine/scan.ts', "import { x } from '../machine/powershell/powershell-machine.js';"),
    ).toEqual(['engine/scan.ts imports machine/powershell/powershell-machine.ts (rule engine/)']);
    expect(
      violationsOf(
        'machine/powershell/x.ts',
        "import { SimulatedMachine } from '../simulated/simulated-machine.js';",
      ),
    ).toHaveLength(1);
    expect(
      violationsOf('engine/repairs/vpn.ts', "import { RepairEngine } from '../engine.js';"),
    ).toHaveLength(1);
    expect(violationsOf('network/x.ts', "import { y } from '../hosts/composition-root.js';")).toHaveLength(1);
  });
});
