import type { PlannedChange } from '../../shared/findings.js';
import type { Op } from '../../shared/ops.js';
import { registryKeyId } from '../../shared/registry.js';

/*
 * An undo may put back only what its own change touched. The journal is the user's file, so a same-user
 * process can pair a harmless change (one HKCU value) with an undo that writes Remote Desktop policy; run as
 * it is by a process holding an administrator's token, that undo would land. So before undo or recover runs
 * anything, each inverse from the journal is held to what its forward ops reached:
 *
 * - a value (set or delete) the forward ops set or deleted, or one inside a key they wrote or deleted whole;
 * - a key written or deleted whole inside a key the forward ops wrote or deleted whole;
 * - an empty key removed where the forward ops wrote (the key itself or one above it: a fix that had to create
 *   keys removes them again, bottom-up, only if empty);
 * - the same file in the same known folder, the saved password of the same computer, the state of the same
 *   service (service.setState);
 * - any other op only as the forward ops made it (same op, same arguments).
 *
 * The closed machine-wide templates (elevated-templates.ts) fit this rule: the UDP undo touches the value the
 * fix set and the keys above it. The function is pure; replay-inverses.ts refuses what it names.
 */

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

function keyPath(path: string): string | undefined {
  try {
    return registryKeyId(path);
  } catch {
    return undefined;
  }
}

const within = (inner: string, outer: string) => inner === outer || inner.startsWith(`${outer}\\`);

interface Reach {
  /** `path\0name` of each value the forward ops set or deleted. */
  values: Set<string>;
  /** Keys the forward ops wrote or deleted whole. */
  trees: string[];
  /** Every key the forward ops wrote in (values, trees). */
  keys: string[];
  files: Set<string>;
  credentials: Set<string>;
  /** Services whose state the forward ops set (service.setState): the undo sets it back. */
  services: Set<string>;
  /** Every other forward op, as its exact JSON. */
  exact: Set<string>;
}

function reachOf(ops: readonly Op[]): Reach {
  const reach: Reach = {
    values: new Set(),
    trees: [],
    keys: [],
    files: new Set(),
    credentials: new Set(),
    services: new Set(),
    exact: new Set(),
  };
  for (const op of ops) {
    reach.exact.add(JSON.stringify(op));
    if ('path' in op) {
      const path = keyPath(op.path);
      if (path === undefined) continue;
      reach.keys.push(path);
      if (op.op === 'registry.setValue' || op.op === 'registry.deleteValue')
        reach.values.add(`${path}\0${op.name.toLowerCase()}`);
      if (op.op === 'registry.writeKey' || op.op === 'registry.deleteKey') reach.trees.push(path);
    } else if (op.op.startsWith('file.') && 'folder' in op) {
      reach.files.add(`${op.folder}\0${op.name.toLowerCase()}`);
    } else if (op.op.startsWith('credential.') && 'target' in op) {
      reach.credentials.add(op.target.toLowerCase());
    } else if (op.op === 'service.setState') {
      reach.services.add(op.name);
    }
  }
  return reach;
}

function registryAllowed(op: Op & { path: string }, reach: Reach): boolean {
  const path = keyPath(op.path);
  if (path === undefined) return false;
  const inTree = reach.trees.some((tree) => within(path, tree));
  switch (op.op) {
    case 'registry.setValue':
    case 'registry.deleteValue':
      return inTree || reach.values.has(`${path}\0${op.name.toLowerCase()}`);
    case 'registry.writeKey':
    case 'registry.deleteKey':
      return inTree;
    case 'registry.deleteEmptyKey':
      return reach.keys.some((key) => within(key, path));
    default:
      // Reads have no place in an undo.
      return false;
  }
}

function opAllowed(op: Op, reach: Reach): boolean {
  if ('path' in op) return registryAllowed(op, reach);
  if (op.op === 'file.write' || op.op === 'file.delete' || op.op === 'file.setAttributes')
    return reach.files.has(`${op.folder}\0${op.name.toLowerCase()}`);
  if (op.op === 'credential.write' || op.op === 'credential.delete')
    return [...reach.credentials].some((target) => same(target, op.target));
  if (op.op === 'service.setState') return reach.services.has(op.name);
  return reach.exact.has(JSON.stringify(op));
}

/** The inverse's ops that reach beyond what the change's own ops touched (none: the inverse may run). */
export function inverseBeyondChange(change: PlannedChange): Op[] {
  if (change.inverse === null) return [];
  const reach = reachOf(change.ops);
  return change.inverse.filter((op) => !opAllowed(op, reach));
}
