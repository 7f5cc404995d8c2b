import { z } from 'zod';

/** REG_SZ, REG_EXPAND_SZ, REG_BINARY, REG_DWORD, REG_MULTI_SZ, REG_QWORD: the types with a name below. */
export const NAMED_VALUE_TYPES: readonly number[] = [1, 2, 3, 4, 7, 11];

// Registry values as this app sees them. REG_BINARY data is lowercase hex so JSON round-trips it exactly;
// REG_QWORD is a decimal string because a 64-bit value does not fit a JSON number.
export const RegistryValueSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('REG_SZ'), data: z.string() }),
  z.object({ type: z.literal('REG_EXPAND_SZ'), data: z.string() }),
  z.object({ type: z.literal('REG_MULTI_SZ'), data: z.array(z.string()) }),
  z.object({ type: z.literal('REG_DWORD'), data: z.number().int().min(0).max(0xffffffff) }),
  z.object({ type: z.literal('REG_QWORD'), data: z.string().regex(/^\d{1,20}$/) }),
  z.object({
    type: z.literal('REG_BINARY'),
    data: z.string().regex(/^(?:[0-9a-f]{2})*$/, 'REG_BINARY data must be lowercase hex, two digits a byte'),
  }),
  // Any other registry type (REG_NONE, REG_DWORD_BIG_ENDIAN, REG_LINK, resource lists, a program's own
  // numbers): its type number and raw bytes, so a backup restores it exactly instead of failing the whole key.
  z.object({
    type: z.literal('REG_OTHER'),
    valueType: z
      .number()
      .int()
      .min(0)
      .max(0xffffffff)
      .refine((n) => !NAMED_VALUE_TYPES.includes(n), 'a named type (1, 2, 3, 4, 7, 11) is not REG_OTHER'),
    data: z.string().regex(/^(?:[0-9a-f]{2})*$/, 'REG_OTHER data must be lowercase hex, two digits a byte'),
  }),
]);
export type RegistryValue = z.infer<typeof RegistryValueSchema>;

export interface RegistryKeyTree {
  values: Record<string, RegistryValue>;
  subkeys: Record<string, RegistryKeyTree>;
}

/**
 * A record of registry names in an object without a prototype: a value or key named `__proto__` (anyone can
 * create one) is then an ordinary entry. z.record assigns keys into a plain object, where `__proto__` would
 * set the prototype and vanish from a backup.
 */
export function nameRecord<T extends z.ZodType>(
  item: T,
): z.ZodType<Record<string, z.output<T>>, Record<string, z.input<T>>> {
  return z
    .custom<Record<string, unknown>>(
      (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
      'an object',
    )
    .transform((input, ctx) => {
      const out = Object.create(null) as Record<string, z.output<T>>;
      for (const key of Object.keys(input)) {
        const parsed = item.safeParse(input[key]);
        if (!parsed.success) {
          for (const issue of parsed.error.issues)
            ctx.addIssue({ ...issue, path: [key, ...issue.path] } as never);
          return z.NEVER;
        }
        out[key] = parsed.data;
      }
      return out;
    }) as unknown as z.ZodType<Record<string, z.output<T>>, Record<string, z.input<T>>>;
}

export const RegistryKeyTreeSchema: z.ZodType<RegistryKeyTree> = z.lazy(() =>
  z.object({
    values: nameRecord(RegistryValueSchema),
    subkeys: nameRecord(RegistryKeyTreeSchema),
  }),
);

/** An empty key tree whose maps have no prototype (see nameRecord). */
export function emptyKeyTree(): RegistryKeyTree {
  return { values: Object.create(null), subkeys: Object.create(null) };
}

const HIVE_ALIASES: Record<string, string> = {
  HKCU: 'HKCU',
  HKEY_CURRENT_USER: 'HKCU',
  HKLM: 'HKLM',
  HKEY_LOCAL_MACHINE: 'HKLM',
};

/** Canonical spelling of a registry key path: short hive name, single backslashes, no trailing slash. */
export function canonicalKeyPath(path: string): string {
  const parts = path.split('\\').filter((p) => p.length > 0);
  const hive = HIVE_ALIASES[(parts[0] ?? '').toUpperCase()];
  if (!hive) throw new Error(`Registry path "${path}" must start with HKCU or HKLM.`);
  return [hive, ...parts.slice(1)].join('\\');
}

/** Registry key paths and value names compare case-insensitively, as on Windows. */
export function registryKeyId(path: string): string {
  return canonicalKeyPath(path).toLowerCase();
}

export function sameRegistryName(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}

export function registryValuesEqual(a: RegistryValue, b: RegistryValue): boolean {
  if (a.type === 'REG_OTHER' || b.type === 'REG_OTHER') {
    return (
      a.type === 'REG_OTHER' && b.type === 'REG_OTHER' && a.valueType === b.valueType && a.data === b.data
    );
  }
  return a.type === b.type && JSON.stringify(a.data) === JSON.stringify(b.data);
}
