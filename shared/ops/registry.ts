import { z } from 'zod';
import { RegistryKeyTreeSchema, RegistryValueSchema } from '../registry.js';
import { WriteResultSchema } from './common.js';

/* The registry family (machine/powershell/interpreter/Registry.ps1). */

const RegistryPath = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^(HKCU|HKLM|HKEY_CURRENT_USER|HKEY_LOCAL_MACHINE)(\\[^\\\0\r\n]+)+$/i, 'not a registry key path');
const ValueName = z
  .string()
  .max(16_383)
  .regex(/^[^\0\r\n]*$/, 'registry value names have no NUL or newline');

export const REGISTRY_OP_SCHEMAS = [
  z.object({ op: z.literal('registry.readValue'), path: RegistryPath, name: ValueName }),
  z.object({ op: z.literal('registry.readKey'), path: RegistryPath }),
  z.object({
    op: z.literal('registry.setValue'),
    path: RegistryPath,
    name: ValueName,
    value: RegistryValueSchema,
  }),
  z.object({ op: z.literal('registry.deleteValue'), path: RegistryPath, name: ValueName }),
  z.object({ op: z.literal('registry.deleteKey'), path: RegistryPath }),
  // Deletes the key only when it has no values and no subkeys (absent or not empty: nothing happens), so an
  // undo removes the keys its fix created without taking anything another program put there since.
  z.object({ op: z.literal('registry.deleteEmptyKey'), path: RegistryPath }),
  // Replaces the key (and everything under it) with exactly this tree: the inverse of deleteKey.
  z.object({ op: z.literal('registry.writeKey'), path: RegistryPath, tree: RegistryKeyTreeSchema }),
] as const;

export const ReadValueResultSchema = z.discriminatedUnion('exists', [
  z.object({ exists: z.literal(false) }),
  z.object({ exists: z.literal(true), value: RegistryValueSchema }),
]);
export const ReadKeyResultSchema = z.discriminatedUnion('exists', [
  z.object({ exists: z.literal(false) }),
  z.object({ exists: z.literal(true), tree: RegistryKeyTreeSchema }),
]);

export const REGISTRY_RESULT_SCHEMAS = {
  'registry.readValue': ReadValueResultSchema,
  'registry.readKey': ReadKeyResultSchema,
  'registry.setValue': WriteResultSchema,
  'registry.deleteValue': WriteResultSchema,
  'registry.deleteKey': WriteResultSchema,
  'registry.deleteEmptyKey': WriteResultSchema,
  'registry.writeKey': WriteResultSchema,
} as const;
