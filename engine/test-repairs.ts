import type { PlannedChange } from '../shared/findings.js';
import { ReadKeyResultSchema, ReadValueResultSchema } from '../shared/ops.js';
import type { Repair } from './repair.js';
import { udpTransportRepair } from './repairs/udp-transport.js';

/*
 * Stand-in repairs for engine tests: user-scope registry writes (to have several write positions in both
 * batches) and one irreversible change, independent of the real repairs' details.
 */

// Under an allow-listed root (shared/machine-allow-list.json), as every op must be.
export const TEST_USER_KEY = 'HKCU\\Software\\Microsoft\\Terminal Server Client\\RdpRepairTest';

export const userValuesRepair: Repair = {
  id: 'saved-host-entry',
  title: 'Set two test values',
  reads: () => [
    { op: 'registry.readValue', path: TEST_USER_KEY, name: 'A' },
    { op: 'registry.readValue', path: TEST_USER_KEY, name: 'B' },
    { op: 'registry.readKey', path: TEST_USER_KEY },
  ],
  diagnose: (_ctx, results) => {
    const set = results.slice(0, 2).every((r) => {
      const v = r.ok ? ReadValueResultSchema.parse(r.value) : undefined;
      return v?.exists === true && v.value.type === 'REG_DWORD' && v.value.data === 1;
    });
    return {
      repairId: 'saved-host-entry',
      status: set ? 'ok' : 'problem',
      summary: set ? 'Both set.' : 'Not both set.',
      explanation: 'Test.',
      evidence: [],
      instructions: [],
    };
  },
  plan: (_ctx, results) => {
    const key = results[2]?.ok ? ReadKeyResultSchema.parse(results[2].value) : undefined;
    const keyExisted = key?.exists === true;
    return ['A', 'B'].flatMap((name, i): PlannedChange[] => {
      const r = results[i];
      const v = r?.ok ? ReadValueResultSchema.parse(r.value) : undefined;
      if (!v || (v.exists && v.value.type === 'REG_DWORD' && v.value.data === 1)) return [];
      return [
        {
          id: `saved-host-entry:${name.toLowerCase()}`,
          repairId: 'saved-host-entry',
          description: `Set ${name} to 1.`,
          scope: 'user',
          ops: [
            { op: 'registry.setValue', path: TEST_USER_KEY, name, value: { type: 'REG_DWORD', data: 1 } },
          ],
          // When the key did not exist the fix creates it; undoing both changes must remove it again. Each
          // undo removes the key only once it is empty, as the real repairs do (an undo may touch only what
          // its change touched: engine/elevation/inverse-bounds.ts).
          inverse: v.exists
            ? [{ op: 'registry.setValue', path: TEST_USER_KEY, name, value: v.value }]
            : [
                { op: 'registry.deleteValue', path: TEST_USER_KEY, name },
                ...(keyExisted ? [] : [{ op: 'registry.deleteEmptyKey' as const, path: TEST_USER_KEY }]),
              ],
        },
      ];
    });
  },
};

export const irreversibleRepair: Repair = {
  id: 'saved-credentials',
  title: 'Delete the saved password',
  reads: () => [{ op: 'credential.list', targetPrefix: 'TERMSRV/' }],
  diagnose: (_ctx, results) => ({
    repairId: 'saved-credentials',
    status:
      results[0]?.ok && Array.isArray(results[0].value) && results[0].value.length > 0 ? 'warning' : 'ok',
    summary: 'Saved passwords.',
    explanation: 'Test.',
    evidence: [],
    instructions: [],
  }),
  plan: (_ctx, results) =>
    results[0]?.ok && Array.isArray(results[0].value) && results[0].value.length > 0
      ? [
          {
            id: 'saved-credentials:server01',
            repairId: 'saved-credentials',
            description: 'Delete the saved password for server01.',
            scope: 'user',
            ops: [{ op: 'credential.delete', target: 'TERMSRV/server01', type: 'DomainPassword' }],
            inverse: null,
            irreversibleReason: 'a password cannot be read back.',
          },
        ]
      : [],
};

export const TEST_REPAIRS: readonly Repair[] = [udpTransportRepair, userValuesRepair];
