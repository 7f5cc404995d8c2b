import type { OpNameOf } from '../../../shared/ops.js';
import { ok, type SimulatedOpHandlers } from './common.js';

/* The registry family, as Registry.ps1 answers it: writes are idempotent and return null. */

export const REGISTRY_HANDLERS: SimulatedOpHandlers<OpNameOf<'registry'>> = {
  'registry.readValue': (op, { registry }) => {
    const value = registry.readValue(op.path, op.name);
    return ok(value ? { exists: true, value } : { exists: false });
  },
  'registry.readKey': (op, { registry }) => {
    const tree = registry.readKey(op.path);
    return ok(tree ? { exists: true, tree } : { exists: false });
  },
  'registry.setValue': (op, { registry }) => {
    registry.setValue(op.path, op.name, op.value);
    return ok(null);
  },
  'registry.deleteValue': (op, { registry }) => {
    registry.deleteValue(op.path, op.name);
    return ok(null);
  },
  'registry.deleteKey': (op, { registry }) => {
    registry.deleteKey(op.path);
    return ok(null);
  },
  'registry.deleteEmptyKey': (op, { registry }) => {
    registry.deleteEmptyKey(op.path);
    return ok(null);
  },
  'registry.writeKey': (op, { registry }) => {
    registry.writeKey(op.path, op.tree);
    return ok(null);
  },
};
