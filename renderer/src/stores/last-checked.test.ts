import { describe, expect, it } from 'vitest';
import { memoryStorage, readLastChecked, type SettingsStorage, writeLastChecked } from './last-checked.js';

const KEY = 'rdp-repair.last-checked';

function storageWith(raw: string): SettingsStorage {
  const storage = memoryStorage();
  storage.setItem(KEY, raw);
  return storage;
}

describe('last checked computer', () => {
  it('round-trips what was written', () => {
    const storage = memoryStorage();
    const value = {
      host: 'server01',
      checkedAt: '2026-12-01T09:00:00.000Z',
      fixedAt: '2026-12-01T09:02:00.000Z',
    };
    writeLastChecked(storage, value);
    expect(readLastChecked(storage)).toEqual(value);
  });

  it('ignores what is not a record it wrote: bad JSON, other shapes, a host the app would refuse', () => {
    expect(readLastChecked(storageWith('{not json'))).toBeNull();
    expect(readLastChecked(storageWith('{"host":"server01"}'))).toBeNull();
    expect(readLastChecked(storageWith('{"host":"a b","checkedAt":"2026-12-01T09:00:00Z"}'))).toBeNull();
    expect(
      readLastChecked(storageWith('{"host":"srv\\u001b[31m","checkedAt":"2026-12-01T09:00:00Z"}')),
    ).toBeNull();
    expect(readLastChecked(null)).toBeNull();
    expect(readLastChecked(memoryStorage())).toBeNull();
  });

  it('never throws when storage refuses to write', () => {
    const full: SettingsStorage = {
      getItem: () => null,
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    expect(() =>
      writeLastChecked(full, { host: 'server01', checkedAt: '2026-12-01T09:00:00Z' }),
    ).not.toThrow();
  });
});
