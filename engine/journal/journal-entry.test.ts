import { describe, expect, it } from 'vitest';
import type { PlannedChange } from '../../shared/findings.js';
import { toRunSummary } from '../run-summary.js';
import { decodeJournal, encodeJournal, type JournalRun } from './journal-entry.js';

// Issue 27: a change may say what undoing it does (undoDescription). Journals written before that field existed
// must still be read, and a new one keeps it on disk and in the history the app shows.

const change: PlannedChange = {
  id: 'udp-transport:disable-udp',
  repairId: 'udp-transport',
  description: 'Turn off UDP for Remote Desktop: set fClientDisableUDP to 1.',
  scope: 'machine',
  ops: [{ op: 'registry.deleteValue', path: 'HKCU\\Software\\Microsoft\\Terminal Server Client', name: 'x' }],
  inverse: [],
};

function run(changes: PlannedChange[]): JournalRun {
  return {
    runId: 'run-2026-11-24-0001',
    sequence: 1,
    host: 'server01.contoso.com',
    startedAt: '2026-11-24T10:00:00Z',
    updatedAt: '2026-11-24T10:00:01Z',
    pid: 1,
    state: 'done',
    changes: changes.map((c) => ({ change: c, status: 'applied' as const })),
  };
}

describe('the journal and undoDescription', () => {
  it('reads a journal written before undoDescription existed', () => {
    const decoded = decodeJournal(encodeJournal(run([change])), 'old.json');
    expect(decoded.changes[0]?.change.undoDescription).toBeUndefined();
    expect(toRunSummary(decoded).changes[0]).not.toHaveProperty('undoDescription');
  });

  it('keeps undoDescription on disk and in the run summary', () => {
    const withUndo = { ...change, undoDescription: 'Turn UDP back on for Remote Desktop.' };
    const decoded = decodeJournal(encodeJournal(run([withUndo])), 'new.json');
    expect(decoded.changes[0]?.change.undoDescription).toBe('Turn UDP back on for Remote Desktop.');
    expect(toRunSummary(decoded).changes[0]?.undoDescription).toBe('Turn UDP back on for Remote Desktop.');
  });
});
