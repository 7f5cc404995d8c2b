import { z } from 'zod';
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

const LastCheckedSchema = z.object({
  host: z.string().min(1).max(300),
  checkedAt: z.iso.datetime(),
  fixedAt: z.iso.datetime().optional(),
});
export type LastChecked = z.infer<typeof LastCheckedSchema>;

/** What was saved, or null when nothing was, or it is not a record this version wrote (it is ignored). */
export function readLastChecked(storage: SettingsStorage | null): LastChecked | null {
  if (!storage) return null;
  try {
    const raw = storage.getItem(KEY);
    if (raw === null) return null;
    const parsed = LastCheckedSchema.safeParse(JSON.parse(raw));
    return parsed.success &&
      parsed.data.host.trim() === parsed.data.host &&
      parseHostTarget(parsed.data.host).ok
      ? parsed.data
      : null;
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
