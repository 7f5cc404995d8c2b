import { parseHostTarget } from '../../../shared/host-name.js';

/**
 * The computer the user last checked (and when RDP Repair last fixed something for it), kept in the app's
 * own storage. The host field starts from this, never from the Remote Desktop history: a Fix all may just
 * have cleaned that history, and its first entry could be another computer.
 */
export interface SettingsStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

const KEY = 'rdp-repair.last-checked';

export interface LastChecked {
  host: string;
  checkedAt: string;
  fixedAt?: string;
}

// Checked by hand rather than with zod: this runs on the start screen, and zod would double its script.
const ISO_UTC = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?Z$/;
const isTime = (value: unknown): value is string =>
  typeof value === 'string' && ISO_UTC.test(value) && Number.isFinite(Date.parse(value));

function asLastChecked(value: unknown): LastChecked | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null;
  const { host, checkedAt, fixedAt } = value as Record<string, unknown>;
  if (typeof host !== 'string' || host.length === 0 || host.length > 300 || host.trim() !== host) return null;
  if (!parseHostTarget(host).ok || !isTime(checkedAt)) return null;
  if (fixedAt !== undefined && !isTime(fixedAt)) return null;
  return { host, checkedAt, ...(fixedAt === undefined ? {} : { fixedAt }) };
}

/** What was saved, or null when nothing was, or it is not a record this version wrote (it is ignored). */
export function readLastChecked(storage: SettingsStorage | null): LastChecked | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(KEY);
    return raw === null ? null : asLastChecked(JSON.parse(raw));
  } catch {
    return null;
  }
}

/** Best effort: storage may be full or switched off, and forgetting the last host is harmless. */
export function writeLastChecked(storage: SettingsStorage | null, value: LastChecked): void {
  try {
    storage?.setItem(KEY, JSON.stringify(value));
  } catch {
    // Nothing to do: the next start simply offers the Remote Desktop history.
  }
}

/** The browser's storage when the page may use it (the Electron renderer and the demo), else null. */
export function browserStorage(): SettingsStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** For tests: storage that lives as long as the object. */
export function memoryStorage(): SettingsStorage {
  const items = new Map<string, string>();
  return {
    getItem: (key) => items.get(key) ?? null,
    setItem: (key, value) => {
      items.set(key, value);
    },
  };
}
