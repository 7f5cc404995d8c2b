import { z } from 'zod';
import { Base64, WriteResultSchema } from './common.js';

/* The files family (machine/powershell/interpreter/Files.ps1). */

// File ops address a file by a known folder plus a plain file name, so no op can name a path elsewhere.
const KnownFolder = z.enum(['documents']);
const FileName = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[^\\/:*?"<>|\0\r\n]+$/, 'a plain file name, no folders')
  .refine((n) => n !== '.' && n !== '..', 'a plain file name, no folders');
export const FileAttributeSchema = z.enum(['Hidden', 'ReadOnly', 'System', 'Archive']);
export type FileAttribute = z.infer<typeof FileAttributeSchema>;

export const FILES_OP_SCHEMAS = [
  z.object({ op: z.literal('file.read'), folder: KnownFolder, name: FileName }),
  z.object({
    op: z.literal('file.write'),
    folder: KnownFolder,
    name: FileName,
    contentBase64: Base64,
    attributes: z.array(FileAttributeSchema),
  }),
  z.object({ op: z.literal('file.delete'), folder: KnownFolder, name: FileName }),
  z.object({
    op: z.literal('file.setAttributes'),
    folder: KnownFolder,
    name: FileName,
    attributes: z.array(FileAttributeSchema),
  }),
] as const;

export const FileReadResultSchema = z.discriminatedUnion('exists', [
  z.object({ exists: z.literal(false) }),
  z.object({ exists: z.literal(true), contentBase64: Base64, attributes: z.array(FileAttributeSchema) }),
]);

export const FILES_RESULT_SCHEMAS = {
  'file.read': FileReadResultSchema,
  'file.write': WriteResultSchema,
  'file.delete': WriteResultSchema,
  'file.setAttributes': WriteResultSchema,
} as const;
