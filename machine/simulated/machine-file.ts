import { closeSync, fsyncSync, openSync, readFileSync, renameSync, rmSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  type MachineDescription,
  type MachineDescriptionInput,
  MachineDescriptionSchema,
} from '../../shared/machine-description.js';
import { canonicalKeyPath, type RegistryValue, registryKeyId } from '../../shared/registry.js';
import { canonicalAttributes, describeBytes, fileBytes } from './simulated-files.js';

/** A machine file that cannot be used; the message names the file and the JSON path of the bad field. */
export class MachineFileError extends Error {
  override readonly name = 'MachineFileError';
  constructor(
    readonly file: string,
    readonly jsonPath: string,
    problem: string,
  ) {
    super(`${file}: ${jsonPath ? `${jsonPath}: ` : ''}${problem}`);
  }
}

/** `registry["HKCU\\Software\\X"].Foo.data`: identifiers as `.name`, indexes as `[0]`, anything else quoted. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][\w$]*$/.test(segment)) {
      out += out ? `.${segment}` : segment;
    } else out += `[${JSON.stringify(String(segment))}]`;
  }
  return out;
}

function sentence(message: string): string {
  const text = message.replace(/^Invalid input: /, '');
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

function checkUniqueKeys(
  source: string,
  section: string,
  keys: readonly string[],
  id: (key: string) => string,
): void {
  const seen = new Map<string, string>();
  for (const key of keys) {
    const existing = seen.get(id(key));
    if (existing !== undefined) {
      throw new MachineFileError(
        source,
        formatJsonPath([section, key]),
        `names the same thing as ${formatJsonPath([section, existing])} (names are case-insensitive on Windows).`,
      );
    }
    seen.set(id(key), key);
  }
}

/** Validates a parsed JSON value as a machine description and fills the defaults. */
export function parseMachineDescription(json: unknown, sourceName: string): MachineDescription {
  const result = MachineDescriptionSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new MachineFileError(
      sourceName,
      formatJsonPath(issue?.path ?? []),
      sentence(issue?.message ?? 'not a machine description'),
    );
  }
  const description = result.data;
  for (const path of Object.keys(description.registry)) {
    if (!/^(HKCU|HKLM|HKEY_CURRENT_USER|HKEY_LOCAL_MACHINE)(\\[^\\]+)+\\?$/i.test(path)) {
      throw new MachineFileError(
        sourceName,
        formatJsonPath(['registry', path]),
        'a registry key path must start with HKCU\\ or HKLM\\ and name a key below it.',
      );
    }
  }
  checkUniqueKeys(sourceName, 'registry', Object.keys(description.registry), registryKeyId);
  checkUniqueKeys(sourceName, 'files', Object.keys(description.files), (p) => p.toLowerCase());
  return description;
}

export function loadMachineFile(path: string): MachineDescription {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new MachineFileError(path, '', `the file cannot be read (${code ?? String(error)}).`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new MachineFileError(path, '', `not valid JSON (${(error as Error).message}).`);
  }
  return parseMachineDescription(json, path);
}

/** Writes the file atomically: a temporary file in the same folder, flushed to disk, then renamed over it. */
export function saveMachineFile(path: string, description: MachineDescription): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    const fd = openSync(temp, 'w');
    try {
      writeSync(fd, `${JSON.stringify(description, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
}

function byLowerCase(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

function sortedRecord<T>(record: Record<string, T>, map: (value: T) => T = (v) => v): Record<string, T> {
  const out: Record<string, T> = {};
  for (const key of Object.keys(record).sort(byLowerCase)) out[key] = map(record[key] as T);
  return out;
}

function normalizeRegistry(
  registry: Record<string, Record<string, RegistryValue>>,
): Record<string, Record<string, RegistryValue>> {
  const merged = new Map<string, { path: string; values: Record<string, RegistryValue> }>();
  for (const [path, values] of Object.entries(registry)) {
    const id = registryKeyId(path);
    const key = merged.get(id) ?? { path: canonicalKeyPath(path), values: {} };
    for (const [name, value] of Object.entries(values)) {
      const existing = Object.keys(key.values).find((n) => n.toLowerCase() === name.toLowerCase());
      key.values[existing ?? name] = value;
    }
    merged.set(id, key);
  }
  const ids = [...merged.keys()];
  const out: Record<string, Record<string, RegistryValue>> = {};
  for (const [id, key] of merged) {
    // A key with no values is implied by any key below it, so listing it adds nothing.
    const implied = ids.some((other) => other.startsWith(`${id}\\`));
    if (Object.keys(key.values).length === 0 && implied) continue;
    out[key.path] = sortedRecord(key.values);
  }
  return sortedRecord(out);
}

/**
 * Canonical form for comparing machines: short hive names, case duplicates merged, keys with no values that
 * other keys imply dropped, everything sorted, file contents in their most readable exact encoding,
 * credentials and certificates (sets on Windows) sorted, defaults filled.
 */
export function normalizeMachine(description: MachineDescriptionInput): MachineDescription {
  const d = structuredClone(MachineDescriptionSchema.parse(description));
  return {
    ...d,
    registry: normalizeRegistry(d.registry),
    files: sortedRecord(d.files, (f) => describeBytes(fileBytes(f), canonicalAttributes(f.attributes))),
    credentials: [...d.credentials].sort(
      (a, b) => byLowerCase(a.target, b.target) || byLowerCase(a.type, b.type) || byLowerCase(a.user, b.user),
    ),
    certificates: sortedRecord(d.certificates, (list) =>
      list
        .map((c) => ({ ...c, thumbprint: c.thumbprint.toUpperCase() }))
        .sort((a, b) => byLowerCase(a.thumbprint, b.thumbprint)),
    ),
    services: sortedRecord(d.services),
    network: { ...d.network, hosts: sortedRecord(d.network.hosts) },
  };
}

/** Registry paths, value names and file paths compare case-insensitively, as on Windows. */
function caseFolded(d: MachineDescription): MachineDescription {
  const registry: MachineDescription['registry'] = {};
  for (const [path, values] of Object.entries(d.registry)) {
    registry[path.toLowerCase()] = Object.fromEntries(
      Object.entries(values).map(([name, value]) => [name.toLowerCase(), value]),
    );
  }
  const files = Object.fromEntries(Object.entries(d.files).map(([path, f]) => [path.toLowerCase(), f]));
  return { ...d, registry, files };
}

export function machinesEqual(a: MachineDescriptionInput, b: MachineDescriptionInput): boolean {
  return JSON.stringify(caseFolded(normalizeMachine(a))) === JSON.stringify(caseFolded(normalizeMachine(b)));
}
