import { z } from 'zod';
import allowListJson from './machine-allow-list.json' with { type: 'json' };
import { type Op, opNeedsElevation, ServiceStartTypeSchema } from './ops.js';
import { canonicalKeyPath, RegistryValueSchema } from './registry.js';

/*
 * The one allow-list of what machine-port ops may touch (machine-allow-list.json). The PowerShell interpreter
 * embeds the same JSON bytes at build time (machine/powershell/interpreter-build.ts) and applies the same rules
 * as here; the simulated machine calls these functions, so the two refuse the same ops with the same code.
 */

const AllowListSchema = z.object({
  schemaVersion: z.literal(1),
  description: z.string(),
  registryKeys: z.array(z.string().regex(/^(HKCU|HKLM)(\\[^\\\0\r\n]+)+$/)).min(1),
  readOnlyRegistryKeys: z.array(z.string().regex(/^(HKCU|HKLM)(\\[^\\\0\r\n]+)+$/)),
  certificateStores: z.array(z.string()).min(1),
  services: z.array(z.string()).min(1),
  eventChannels: z.array(z.string()).min(1),
  fileFolders: z.array(z.string()).min(1),
  credentialTargetPrefix: z.string().min(1),
  elevatedWrites: z.object({
    description: z.string(),
    registryValues: z.array(z.object({ path: z.string(), name: z.string(), fixValue: RegistryValueSchema })),
    valuesBeforeKey: z.string().regex(/^HKLM(\\[^\\\0\r\n]+)+$/),
    valuesBefore: z.string(),
    emptyKeys: z.array(z.string()),
    certificateStores: z.array(z.string()),
    services: z.array(z.string()),
    /** The services service.setState may change, each with the start type Windows ships with (its fix). */
    serviceStates: z.array(z.object({ name: z.string(), fixStartType: ServiceStartTypeSchema })),
    serviceStatesRule: z.string(),
    certificateRemoval: z.string(),
    certificateRemovalWindowDays: z.number().int().min(0).max(365),
  }),
});
export type MachineAllowList = z.infer<typeof AllowListSchema>;

export const MACHINE_ALLOW_LIST: MachineAllowList = AllowListSchema.parse(allowListJson);

export type Refusal = { code: 'invalid-argument'; message: string };

const OUTSIDE = 'The registry path is outside the keys RDP Repair may touch.';

/** The registry ops that change something: a read-only root refuses them. */
export const REGISTRY_WRITE_OPS = [
  'registry.setValue',
  'registry.deleteValue',
  'registry.deleteKey',
  'registry.deleteEmptyKey',
  'registry.writeKey',
] as const;

function under(canonical: string, roots: readonly string[]): boolean {
  return roots.some((root) => {
    const lower = root.toLowerCase();
    return canonical === lower || canonical.startsWith(`${lower}\\`);
  });
}

/**
 * Null when an op may name this registry key, else the refusal both interpreters give: a key outside the
 * allow-listed roots, a write under a read-only root, or a user key from the elevated batch (an elevated
 * process must never act on what a user-level process controls).
 */
export function registryPathRefusal(path: string, elevated: boolean, write = false): Refusal | null {
  let canonical: string;
  try {
    canonical = canonicalKeyPath(path).toLowerCase();
  } catch {
    return { code: 'invalid-argument', message: 'Not a registry key path.' };
  }
  // Same key-name rule as the interpreter's Test-KeyName: no dot-only names, at most 255 characters.
  if (canonical.split('\\').some((segment) => segment.length > 255 || /^\.+$/.test(segment))) {
    return { code: 'invalid-argument', message: 'A registry key name in the path is not allowed.' };
  }
  const writable = under(canonical, MACHINE_ALLOW_LIST.registryKeys);
  const readable = writable || under(canonical, MACHINE_ALLOW_LIST.readOnlyRegistryKeys);
  if (!readable) return { code: 'invalid-argument', message: OUTSIDE };
  if (write && !writable) {
    return {
      code: 'invalid-argument',
      message: 'The registry path may be read but never changed by RDP Repair.',
    };
  }
  if (elevated && canonical.startsWith('hkcu\\')) {
    return {
      code: 'invalid-argument',
      message: 'User registry keys are never changed from the elevated batch.',
    };
  }
  return null;
}

/** Ops that act on what belongs to the user (Documents, saved passwords, starting mstsc): never elevated. */
export const USER_SCOPE_ONLY_OPS = [
  'file.read',
  'file.write',
  'file.delete',
  'file.setAttributes',
  'credential.list',
  'credential.read',
  'credential.write',
  'credential.delete',
  'app.launchMstsc',
] as const;

export function userScopeRefusal(opName: string, elevated: boolean): Refusal | null {
  if (!elevated || !(USER_SCOPE_ONLY_OPS as readonly string[]).includes(opName)) return null;
  return { code: 'invalid-argument', message: `${opName} is never run from the elevated batch.` };
}

/** The interpreter's plain-file-name rule (Resolve-DocumentsFile): Windows would read these as another file. */
export function fileNameRefusal(name: string): Refusal | null {
  const reserved = /^(CON|PRN|AUX|NUL|COM[0-9]|LPT[0-9])(\..*)?$/i;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  if (/[\\/:*?"<>|\x00-\x1f]/.test(name) || /^\.+$/.test(name) || /[. ]$/.test(name) || reserved.test(name)) {
    return { code: 'invalid-argument', message: 'Not a plain file name.' };
  }
  return null;
}

/**
 * The interpreter's credential target rule: only saved Remote Desktop passwords (TERMSRV/...), no control
 * characters; a backup or restore names one computer, never the TERMSRV/* entry for all of them.
 */
export function credentialTargetRefusal(opName: string, target: string): Refusal | null {
  const prefix = MACHINE_ALLOW_LIST.credentialTargetPrefix;
  const own = target.slice(0, prefix.length).toUpperCase() === prefix.toUpperCase();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is refused
  const control = /[\x00-\x1f]/.test(target);
  const oneComputer = opName === 'credential.delete' || !target.includes('*');
  if (own && !control && oneComputer) return null;
  return {
    code: 'invalid-argument',
    message: 'Only the saved password of one Remote Desktop computer (TERMSRV/<name>) may be touched.',
  };
}

const MACHINE_WIDE_REFUSAL: Refusal = {
  code: 'invalid-argument',
  message: 'A machine-wide change is made only from the elevated batch.',
};

const ELEVATED_WRITE_REFUSAL: Refusal = {
  code: 'invalid-argument',
  message: "The elevated batch changes only what RDP Repair's machine-wide fixes need.",
};

type ElevatedValueEntry = MachineAllowList['elevatedWrites']['registryValues'][number];

/** The value the elevated batch may change at this key and name, however the path is spelled, if it is one. */
export function elevatedValueEntry(path: string, name: string): ElevatedValueEntry | undefined {
  let canonical: string;
  try {
    canonical = canonicalKeyPath(path).toLowerCase();
  } catch {
    return undefined;
  }
  return MACHINE_ALLOW_LIST.elevatedWrites.registryValues.find(
    (entry) => entry.path.toLowerCase() === canonical && entry.name.toLowerCase() === name.toLowerCase(),
  );
}

/**
 * Null when the elevated batch may make this write, else the refusal both interpreters give. The elevated
 * batch changes exactly what the machine-wide templates need (elevatedWrites), nothing else the wider
 * allow-list would permit: so even a forged batch cannot reach another policy value, key or service. And a
 * machine-wide write is made only from the elevated batch: in a process started with an administrator's token
 * Windows would let any batch write HKLM, so the batch, not the token, must hold every such write to these
 * rules (the interpreter's Assert-MachineWideBatch).
 */
export function elevatedWriteRefusal(op: Op, elevatedBatch: boolean): Refusal | null {
  if (!elevatedBatch) return opNeedsElevation(op) ? MACHINE_WIDE_REFUSAL : null;
  const allowed = MACHINE_ALLOW_LIST.elevatedWrites;
  const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
  const canonical = (path: string) => {
    try {
      return canonicalKeyPath(path);
    } catch {
      return '';
    }
  };
  switch (op.op) {
    case 'registry.setValue':
    case 'registry.deleteValue':
      return elevatedValueEntry(op.path, op.name) ? null : ELEVATED_WRITE_REFUSAL;
    case 'registry.deleteEmptyKey':
      return allowed.emptyKeys.some((k) => same(k, canonical(op.path))) ? null : ELEVATED_WRITE_REFUSAL;
    case 'registry.deleteKey':
    case 'registry.writeKey':
      return ELEVATED_WRITE_REFUSAL;
    case 'certificate.remove':
      return allowed.certificateStores.includes(op.store) ? null : ELEVATED_WRITE_REFUSAL;
    case 'service.restart':
      return allowed.services.includes(op.name) ? null : ELEVATED_WRITE_REFUSAL;
    case 'service.setState':
      return allowed.serviceStates.some((s) => s.name === op.name) ? null : ELEVATED_WRITE_REFUSAL;
    default:
      return null;
  }
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Null when certificate.remove may take this certificate, else the refusal both interpreters give: the
 * elevated side checks again, at the moment of removal, that the listener cannot use it.
 */
export function certificateRemovalRefusal(
  c: { notAfter: string; privateKey: string; serviceCanReadKey: boolean | null },
  now: Date,
): Refusal | null {
  const window = MACHINE_ALLOW_LIST.elevatedWrites.certificateRemovalWindowDays * DAY_MS;
  const unusable =
    Date.parse(c.notAfter) <= now.getTime() + window ||
    c.privateKey === 'none' ||
    c.privateKey === 'unreadable' ||
    c.serviceCanReadKey === false;
  return unusable
    ? null
    : { code: 'invalid-argument', message: 'A certificate the listener can use is never removed.' };
}
