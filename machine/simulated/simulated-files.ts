import type { SimulatedFile } from '../../shared/machine-description.js';
import type { FileAttribute } from '../../shared/ops.js';

// Windows lists attributes in flag order (ReadOnly = 1, Hidden = 2, System = 4, Archive = 32); so do we.
const ATTRIBUTE_ORDER: readonly FileAttribute[] = ['ReadOnly', 'Hidden', 'System', 'Archive'];

export function canonicalAttributes(attributes: readonly FileAttribute[]): FileAttribute[] {
  return ATTRIBUTE_ORDER.filter((a) => attributes.includes(a));
}

const UTF16LE_BOM = Buffer.from([0xff, 0xfe]);

/** The bytes on disk of a described file: 'utf-16le' gets a BOM (as mstsc writes .rdp files), 'utf-8' none. */
export function fileBytes(file: SimulatedFile): Buffer {
  switch (file.encoding) {
    case 'utf-16le':
      return Buffer.concat([UTF16LE_BOM, Buffer.from(file.content, 'utf16le')]);
    case 'utf-8':
      return Buffer.from(file.content, 'utf8');
    case 'base64':
      return Buffer.from(file.content, 'base64');
  }
}

/** The most readable description of some bytes that turns back into exactly the same bytes. */
export function describeBytes(bytes: Buffer, attributes: readonly FileAttribute[]): SimulatedFile {
  const attrs = canonicalAttributes(attributes);
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe && bytes.length % 2 === 0) {
    const content = bytes.subarray(2).toString('utf16le');
    if (fileBytes({ content, encoding: 'utf-16le', attributes: attrs }).equals(bytes)) {
      return { content, encoding: 'utf-16le', attributes: attrs };
    }
  }
  const text = bytes.toString('utf8');
  if (Buffer.from(text, 'utf8').equals(bytes)) return { content: text, encoding: 'utf-8', attributes: attrs };
  return { content: bytes.toString('base64'), encoding: 'base64', attributes: attrs };
}

interface StoredFile {
  path: string;
  bytes: Buffer;
  attributes: FileAttribute[];
  // Kept so an untouched file is saved back exactly as it was described.
  described: SimulatedFile;
}

/** Files by full Windows path; paths compare case-insensitively, as on NTFS by default. */
export class SimulatedFiles {
  private readonly files = new Map<string, StoredFile>();

  constructor(files: Record<string, SimulatedFile>) {
    for (const [path, file] of Object.entries(files)) {
      this.files.set(path.toLowerCase(), {
        path,
        bytes: fileBytes(file),
        attributes: canonicalAttributes(file.attributes),
        described: { ...file, attributes: canonicalAttributes(file.attributes) },
      });
    }
  }

  read(path: string): { bytes: Buffer; attributes: FileAttribute[] } | undefined {
    const file = this.files.get(path.toLowerCase());
    return file && { bytes: Buffer.from(file.bytes), attributes: [...file.attributes] };
  }

  write(path: string, bytes: Buffer, attributes: readonly FileAttribute[]): void {
    const existing = this.files.get(path.toLowerCase());
    const attrs = canonicalAttributes(attributes);
    this.files.set(path.toLowerCase(), {
      path: existing?.path ?? path,
      bytes: Buffer.from(bytes),
      attributes: attrs,
      described: describeBytes(bytes, attrs),
    });
  }

  delete(path: string): void {
    this.files.delete(path.toLowerCase());
  }

  /** false when the file does not exist. */
  setAttributes(path: string, attributes: readonly FileAttribute[]): boolean {
    const file = this.files.get(path.toLowerCase());
    if (!file) return false;
    file.attributes = canonicalAttributes(attributes);
    file.described = { ...file.described, attributes: file.attributes };
    return true;
  }

  snapshot(): Record<string, SimulatedFile> {
    const out: Record<string, SimulatedFile> = {};
    for (const file of this.files.values()) out[file.path] = { ...file.described };
    return out;
  }
}

/** Full path of a file in a folder, whether or not the folder path ends with a backslash. */
export function joinWindowsPath(folder: string, name: string): string {
  return `${folder.replace(/\\+$/, '')}\\${name}`;
}
