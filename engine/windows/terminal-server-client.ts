import type { z } from 'zod';
import type { HostTarget } from '../../shared/host-name.js';
import { type OpResult, ReadKeyResultSchema } from '../../shared/ops.js';
import type { RegistryKeyTree } from '../../shared/registry.js';
import { createHostMatcher } from './host-match.js';

/*
 * Where Remote Desktop Connection (mstsc) keeps what it remembers per user: the "Computer" history (MRU0..MRU9
 * under Default) and one key per computer under Servers (UsernameHint, CertHash). Shared by the
 * `certificates` and `saved-host-entry` repairs.
 */

export const TSC_KEY = 'HKCU\\Software\\Microsoft\\Terminal Server Client';
export const TSC_DEFAULT_KEY = `${TSC_KEY}\\Default`;
export const TSC_SERVERS_KEY = `${TSC_KEY}\\Servers`;

export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };

/** A read op's result checked against its schema; a failed or malformed result becomes a message. */
export function parseResult<T>(result: OpResult | undefined, schema: z.ZodType<T>): Parsed<T> {
  if (!result) return { ok: false, message: 'no result was returned' };
  if (!result.ok) return { ok: false, message: result.error.message };
  const parsed = schema.safeParse(result.value);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, message: 'the result was not in the expected shape' };
}

/** The tree of a read key; an absent key reads as an empty tree. */
export function parseKeyTree(result: OpResult | undefined): Parsed<RegistryKeyTree> {
  const parsed = parseResult(result, ReadKeyResultSchema);
  if (!parsed.ok) return parsed;
  return { ok: true, value: parsed.value.exists ? parsed.value.tree : { values: {}, subkeys: {} } };
}

export interface ServerKey {
  /** The subkey name as Windows stores it (as the user typed the host). */
  name: string;
  path: string;
  tree: RegistryKeyTree;
}

/** The Servers\<host> subkeys that belong to the target; key names compare case-insensitively. */
export function serverKeysForTarget(servers: RegistryKeyTree, target: HostTarget): ServerKey[] {
  const names = Object.keys(servers.subkeys);
  const matches = createHostMatcher(target, names);
  return names
    .filter((name) => matches(name, 'any-port'))
    .map((name) => ({
      name,
      path: `${TSC_SERVERS_KEY}\\${name}`,
      tree: servers.subkeys[name] ?? { values: {}, subkeys: {} },
    }));
}
