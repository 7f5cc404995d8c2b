import fc from 'fast-check';

/*
 * Malformed-input generators shared by the fuzz tests: damaged text (torn writes, flipped bytes, stray
 * characters) and damaged JSON (a field removed, retyped or replaced), each from a known-good original.
 */

/** Fixed seed and bounded run counts: the fuzz tests are repeatable and finish in seconds. */
export const FUZZ_SEED = 20_261_124;

const HOSTILE_TEXT = [
  '\0',
  '\uFEFF',
  '\uD800',
  '"',
  '\\',
  '{',
  '}',
  '[',
  ']',
  ',',
  ':',
  'null',
  '$(calc)',
  '\r\n',
  '\u2028',
];

export type TextDamage =
  | { kind: 'truncate'; at: number }
  | { kind: 'flip'; at: number; char: string }
  | { kind: 'insert'; at: number; text: string }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'replace-all'; text: string };

export const textDamage: fc.Arbitrary<TextDamage> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({
    kind: fc.constant('flip' as const),
    at: fc.nat(),
    char: fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
  }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...HOSTILE_TEXT), fc.string({ maxLength: 8, unit: 'binary' })),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), length: fc.integer({ min: 1, max: 40 }) }),
  fc.record({
    kind: fc.constant('replace-all' as const),
    text: fc.oneof(fc.string({ maxLength: 200, unit: 'binary' }), fc.json({ maxDepth: 3 })),
  }),
);

export function damageText(text: string, damage: TextDamage): string {
  const at = 'at' in damage ? damage.at % Math.max(text.length, 1) : 0;
  switch (damage.kind) {
    case 'truncate':
      return text.slice(0, at);
    case 'flip':
      return text.slice(0, at) + damage.char + text.slice(at + 1);
    case 'insert':
      return text.slice(0, at) + damage.text + text.slice(at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + damage.length);
    case 'replace-all':
      return damage.text;
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every path to a value inside a JSON document (objects and arrays), root excluded. */
export function jsonPaths(value: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) {
    return value.flatMap((item, i) => [[...prefix, i], ...jsonPaths(item, [...prefix, i])]);
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...jsonPaths(v, [...prefix, k])]);
  }
  return [];
}

export type JsonDamage =
  | { pathIndex: number; action: 'delete' }
  | { pathIndex: number; action: 'set'; value: unknown };

export const jsonDamage: fc.Arbitrary<JsonDamage> = fc.oneof(
  fc.record({ pathIndex: fc.nat(), action: fc.constant('delete' as const) }),
  fc.record({
    pathIndex: fc.nat(),
    action: fc.constant('set' as const),
    value: fc.oneof(
      fc.jsonValue({ maxDepth: 2 }),
      fc.constantFrom(-1, 1e300, Number.NaN, '', '..\\..\\x', '$(calc)', 'HKLM\\', [], {}, null, true),
    ),
  }),
);

/** A copy of `original` with one field removed or replaced. */
export function damageJson(original: Json, damage: JsonDamage): unknown {
  const copy = structuredClone(original);
  const paths = jsonPaths(copy);
  if (paths.length === 0) return damage.action === 'set' ? damage.value : undefined;
  const path = paths[damage.pathIndex % paths.length] ?? [];
  let parent: unknown = copy;
  for (const segment of path.slice(0, -1)) parent = (parent as Record<string | number, unknown>)[segment];
  const last = path[path.length - 1] as string | number;
  const container = parent as Record<string | number, unknown>;
  if (damage.action === 'delete') {
    if (Array.isArray(container)) container.splice(Number(last), 1);
    else delete container[last];
  } else container[last] = damage.value;
  return copy;
}

export type { Json };
