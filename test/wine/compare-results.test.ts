import { describe, expect, it } from 'vitest';
import type { Op, OpResult } from '../../shared/ops.js';
import { differences, withoutWineArchive } from './compare-results.js';

const read: Op = { op: 'file.read', folder: 'documents', name: 'Default.rdp' };
const file = (attributes: string[]) => ({
  ok: true as const,
  value: { exists: true, contentBase64: 'eA==', attributes },
});

describe('comparing Wine with the simulated machine', () => {
  it('drops the Archive Wine reports on every file only where the simulated answer has none', () => {
    expect(withoutWineArchive(read, file(['Hidden', 'Archive']), file(['Hidden']))).toEqual(file(['Hidden']));
    expect(withoutWineArchive(read, file(['Archive']), file(['Archive']))).toEqual(file(['Archive']));
    // Any other attribute must agree: a missing Hidden is a difference, Archive or not.
    expect(differences('r', [read], [file(['Archive']) as OpResult], [file(['Hidden'])])).toHaveLength(1);
  });

  it('keeps Archive on anything but a file read', () => {
    const other: Op = { op: 'registry.readKey', path: 'HKCU\\Software\\Microsoft\\Terminal Server Client' };
    expect(withoutWineArchive(other, file(['Archive']), file([]))).toEqual(file(['Archive']));
  });

  it('compares errors by code, values whatever their key order or prototype, and names both answers', () => {
    const values = Object.assign(Object.create(null) as Record<string, unknown>, { b: 1, a: 2 });
    const sim = [{ ok: true as const, value: { exists: true, tree: { values, subkeys: {} } } }];
    const wine: OpResult[] = [
      { ok: true, value: { exists: true, tree: { values: { a: 2, b: 1 }, subkeys: {} } } },
    ];
    expect(differences('r', [read], wine, sim)).toEqual([]);
    const error: OpResult[] = [{ ok: false, error: { code: 'not-found', message: 'Wine words it its way' } }];
    expect(differences('r', [read], error, [{ ok: false, error: { code: 'not-found' } }])).toEqual([]);
    const [line] = differences('result of', [read], error, [{ ok: false, error: { code: 'failed' } }]);
    expect(line).toMatch(/^result of op 1 \(file\.read\): Wine .*not-found.* \| simulated .*failed/);
  });
});
