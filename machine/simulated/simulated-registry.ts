import {
  canonicalKeyPath,
  emptyKeyTree,
  type RegistryKeyTree,
  type RegistryValue,
  registryKeyId,
} from '../../shared/registry.js';

interface StoredKey {
  /** Canonical path in the casing it was created with. */
  path: string;
  /** By lowercase value name. */
  values: Map<string, { name: string; value: RegistryValue }>;
}

function cloneValue(value: RegistryValue): RegistryValue {
  return structuredClone(value);
}

/*
 * The registry as a flat map of key path → values, like the machine description. A key also exists when
 * only keys below it are listed (its parents are implied), so a key with no values is stored only when it
 * has no subkeys either. Paths and value names compare case-insensitively; stored names keep their casing.
 */
export class SimulatedRegistry {
  private readonly keys = new Map<string, StoredKey>();

  constructor(registry: Record<string, Record<string, RegistryValue>>) {
    for (const [path, values] of Object.entries(registry)) {
      const key = this.ensureKey(path);
      for (const [name, value] of Object.entries(values)) this.putValue(key, name, value);
    }
  }

  keyExists(path: string): boolean {
    const id = registryKeyId(path);
    if (this.keys.has(id)) return true;
    for (const other of this.keys.keys()) if (other.startsWith(`${id}\\`)) return true;
    return false;
  }

  readValue(path: string, name: string): RegistryValue | undefined {
    const stored = this.keys.get(registryKeyId(path))?.values.get(name.toLowerCase());
    return stored && cloneValue(stored.value);
  }

  readKey(path: string): RegistryKeyTree | undefined {
    if (!this.keyExists(path)) return undefined;
    const id = registryKeyId(path);
    const root: RegistryKeyTree = emptyKeyTree();
    const depth = id.split('\\').length;
    for (const [otherId, key] of this.keys) {
      if (otherId !== id && !otherId.startsWith(`${id}\\`)) continue;
      let node = root;
      for (const segment of key.path.split('\\').slice(depth)) {
        const existing = Object.keys(node.subkeys).find((n) => n.toLowerCase() === segment.toLowerCase());
        const name = existing ?? segment;
        node.subkeys[name] ??= emptyKeyTree();
        node = node.subkeys[name];
      }
      for (const { name, value } of key.values.values()) node.values[name] = cloneValue(value);
    }
    return root;
  }

  setValue(path: string, name: string, value: RegistryValue): void {
    this.putValue(this.ensureKey(path), name, value);
  }

  deleteValue(path: string, name: string): void {
    this.keys.get(registryKeyId(path))?.values.delete(name.toLowerCase());
  }

  /** Deletes the key and everything below it. */
  deleteKey(path: string): void {
    const id = registryKeyId(path);
    for (const otherId of [...this.keys.keys()]) {
      if (otherId === id || otherId.startsWith(`${id}\\`)) this.keys.delete(otherId);
    }
  }

  /** Deletes the key when it exists with no values and no subkeys; otherwise changes nothing. */
  deleteEmptyKey(path: string): void {
    const id = registryKeyId(path);
    const key = this.keys.get(id);
    if (!key || key.values.size > 0) return;
    for (const otherId of this.keys.keys()) if (otherId.startsWith(`${id}\\`)) return;
    this.keys.delete(id);
  }

  /** Replaces the key with exactly this tree. */
  writeKey(path: string, tree: RegistryKeyTree): void {
    this.deleteKey(path);
    this.writeTree(this.casedPath(canonicalKeyPath(path)), tree);
  }

  snapshot(): Record<string, Record<string, RegistryValue>> {
    const out: Record<string, Record<string, RegistryValue>> = Object.create(null);
    for (const key of this.keys.values()) {
      const values: Record<string, RegistryValue> = Object.create(null);
      for (const { name, value } of key.values.values()) values[name] = cloneValue(value);
      out[key.path] = values;
    }
    return out;
  }

  private writeTree(path: string, tree: RegistryKeyTree): void {
    const subkeys = Object.entries(tree.subkeys);
    if (Object.keys(tree.values).length > 0 || subkeys.length === 0) {
      const key = this.ensureKey(path);
      for (const [name, value] of Object.entries(tree.values)) this.putValue(key, name, value);
    }
    for (const [name, subtree] of subkeys) this.writeTree(`${path}\\${name}`, subtree);
  }

  private putValue(key: StoredKey, name: string, value: RegistryValue): void {
    const existing = key.values.get(name.toLowerCase());
    key.values.set(name.toLowerCase(), { name: existing?.name ?? name, value: cloneValue(value) });
  }

  private ensureKey(path: string): StoredKey {
    const id = registryKeyId(path);
    const existing = this.keys.get(id);
    if (existing) return existing;
    const key: StoredKey = { path: this.casedPath(canonicalKeyPath(path)), values: new Map() };
    this.keys.set(id, key);
    return key;
  }

  /** The path spelled with the casing of the keys that already exist along it. */
  private casedPath(path: string): string {
    const segments = path.split('\\');
    for (const key of this.keys.values()) {
      const known = key.path.split('\\');
      if (known[0] !== segments[0]) continue;
      for (let i = 1; i < Math.min(known.length, segments.length); i++) {
        if (known[i]?.toLowerCase() !== segments[i]?.toLowerCase()) break;
        segments[i] = known[i] ?? '';
      }
    }
    return segments.join('\\');
  }
}
