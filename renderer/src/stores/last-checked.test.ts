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
    for (const bad of [
      'null',
      '[]',
      '"server01"',
      '{"host":"","checkedAt":"2026-12-01T09:00:00Z"}',
      '{"host":" server01","checkedAt":"2026-12-01T09:00:00Z"}',
      `{"host":"${'a'.repeat(301)}","checkedAt":"2026-12-01T09:00:00Z"}`,
      '{"host":"server01","checkedAt":"yesterday"}',
      '{"host":"server01","checkedAt":"2026-13-45T09:00:00Z"}',
      '{"host":"server01","checkedAt":"2026-12-01T09:00:00Z","fixedAt":7}',
      '{"host":"server01","checkedAt":1764579600000}',
    ])
      expect(readLastChecked(storageWith(bad)), bad).toBeNull();
    expect(readLastChecked(null)).toBeNull();
    expect(readLastChecked(memoryStorage())).toBeNull();
  });

  it('keeps only the fields it knows', () => {
    const raw = '{"host":"server01","checkedAt":"2026-12-01T09:00:00Z","__proto__":{"x":1},"extra":"<b>"}';
    expect(readLastChecked(storageWith(raw))).toEqual({
      host: 'server01',
      checkedAt: '2026-12-01T09:00:00Z',
    });
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
