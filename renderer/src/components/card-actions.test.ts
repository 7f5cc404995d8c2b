import { describe, expect, it } from 'vitest';
import type { ChangeView } from '../../../shared/ipc.js';
import { cardActions } from './card-actions.js';

const change = (id: string, description: string): ChangeView => ({
  id,
  repairId: 'saved-host-entry',
  description,
  scope: 'user',
  needsElevation: false,
  reversible: true,
  ops: [],
  powershellPreview: '',
});
const a = change('a', 'Remove the saved entry for server01: user name and certificate');
const b = change('b', 'Delete Default.rdp: it connects to server01');

describe('one state per card', () => {
  it('offers nothing while its changes run', () => {
    expect(
      cardActions({
        canFix: true,
        passed: false,
        appliedIds: ['a'],
        runState: 'running',
        runChanges: [a],
        states: {},
      }),
    ).toEqual({
      fix: false,
      undo: false,
      line: { kind: 'state', state: 'running' },
    });
  });

  it('after a fix the check passes: "Fixed" and Undo, never Fix beside it', () => {
    const actions = cardActions({
      canFix: true,
      passed: true,
      appliedIds: ['a'],
      runState: 'done',
      runChanges: [a],
      states: { a: 'done' },
    });
    expect(actions).toEqual({ fix: false, undo: true, line: { kind: 'state', state: 'done' } });
  });

  it('after a fix that left a change out: "Partly fixed" names it and Fix offers the rest (issue 27)', () => {
    const actions = cardActions({
      canFix: true,
      passed: false,
      appliedIds: ['a'],
      runState: 'skipped',
      runChanges: [a, b],
      states: { a: 'done', b: 'skipped' },
    });
    expect(actions).toEqual({
      fix: true,
      undo: false,
      line: { kind: 'partly-fixed', left: ['Delete Default.rdp'] },
    });
    // Nothing left that RDP Repair can change, but the check still finds it: Undo what was made.
    expect(
      cardActions({
        canFix: false,
        passed: false,
        appliedIds: ['a'],
        runState: 'done',
        runChanges: [a],
        states: { a: 'done' },
      }),
    ).toEqual({ fix: false, undo: true, line: { kind: 'partly-fixed', left: [] } });
  });

  it('after an undo that left one change in place says "Partly undone" and names what stayed', () => {
    const actions = cardActions({
      canFix: false,
      passed: false,
      appliedIds: ['b'],
      runState: 'undone',
      runChanges: [a, b],
      states: { a: 'undone', b: 'done' },
    });
    expect(actions).toEqual({
      fix: false,
      undo: true,
      line: { kind: 'partly-undone', stayed: ['Delete Default.rdp'] },
    });
  });

  it('with nothing in place offers Fix when there is something to fix, beside the last run word', () => {
    expect(
      cardActions({
        canFix: true,
        passed: false,
        appliedIds: [],
        runState: 'skipped',
        runChanges: [a],
        states: { a: 'skipped' },
      }),
    ).toEqual({
      fix: true,
      undo: false,
      line: { kind: 'state', state: 'skipped' },
    });
    expect(
      cardActions({
        canFix: false,
        passed: true,
        appliedIds: [],
        runState: null,
        runChanges: [],
        states: {},
      }),
    ).toEqual({
      fix: false,
      undo: false,
      line: null,
    });
  });
});
