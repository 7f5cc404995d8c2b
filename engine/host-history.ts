import type { MachinePort } from '../machine/port.js';
import { parseHostTarget } from '../shared/host-name.js';
import { ReadKeyResultSchema } from '../shared/ops.js';
import type { RegistryKeyTree } from '../shared/registry.js';

export const TERMINAL_SERVER_CLIENT_KEY = 'HKCU\\Software\\Microsoft\\Terminal Server Client';

function child(tree: RegistryKeyTree, name: string): RegistryKeyTree | undefined {
  const found = Object.keys(tree.subkeys).find((n) => n.toLowerCase() === name.toLowerCase());
  return found === undefined ? undefined : tree.subkeys[found];
}

/**
 * The computers Remote Desktop Connection remembers, for the host field's suggestions: MRU0..MRU9 in order,
 * then the Servers\* key names; duplicates (case-insensitive) and anything that is not a valid host dropped.
 */
export function hostsFromClientKey(tree: RegistryKeyTree): string[] {
  const names: string[] = [];
  const defaults = child(tree, 'Default');
  if (defaults) {
    const mru = Object.entries(defaults.values)
      .map(([name, value]) => ({ index: /^MRU(\d)$/i.exec(name)?.[1], value }))
      .filter((e) => e.index !== undefined && e.value.type === 'REG_SZ')
      .sort((a, b) => Number(a.index) - Number(b.index));
    for (const { value } of mru) if (typeof value.data === 'string') names.push(value.data.trim());
  }
  const servers = child(tree, 'Servers');
  if (servers) names.push(...Object.keys(servers.subkeys));
  const seen = new Set<string>();
  return names.filter((name) => {
    const id = name.toLowerCase();
    if (seen.has(id) || !parseHostTarget(name).ok) return false;
    seen.add(id);
    return true;
  });
}

/** One read op: the whole Terminal Server Client key. */
export async function readHostHistory(machine: MachinePort): Promise<string[]> {
  const [result] = await machine.run([{ op: 'registry.readKey', path: TERMINAL_SERVER_CLIENT_KEY }], {
    mode: 'read',
  });
  if (!result?.ok) throw new Error(result ? result.error.message : 'The machine gave no answer.');
  const parsed = ReadKeyResultSchema.safeParse(result.value);
  if (!parsed.success)
    throw new Error('The Remote Desktop Connection history was not in the expected shape.');
  return parsed.data.exists ? hostsFromClientKey(parsed.data.tree) : [];
}
