// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { callsTo, card, fixCard, loadLazyViews, notice, scan, start } from '../test/app-harness.js';

beforeAll(loadLazyViews, 30_000);
afterEach(cleanup);

// Fix all: its consent, its progress, and an apply Windows refused.
describe('apply all', () => {
  it('asks once, lists admin and irreversible changes, and sends only the consented ones', async () => {
    const { fake, user } = await start({ withCredentials: true });
    await scan(user);
    // Fix all counts what its dialog makes as it opens: the saved password cannot be undone, so it waits unticked.
    await user.click(screen.getByRole('button', { name: 'Fix all (1)' }));
    // Found by its title: in jsdom, Fluent's motion and tabster can leave the surface unnamed and "hidden" for a
    // while (the e2e finds it by role and name in a real browser).
    const title = await screen.findByText('Make these changes?');
    const dialog = title.closest<HTMLElement>('[role="dialog"]');
    if (!dialog) throw new Error('the title is not inside a dialog');
    expect(
      within(dialog).getByText('Some changes need administrator permission. Windows will ask once.'),
    ).toBeTruthy();
    // What helps comes first; what cannot be undone is folded after it, with its risk, and the button counts
    // what is ticked.
    expect(
      within(dialog)
        .getAllByRole('heading', { level: 3, hidden: true })
        .map((h) => h.textContent),
    ).toEqual(['Recommended', 'More choices (1)']);
    expect(within(dialog).getByRole('button', { name: 'Make 1 change', hidden: true })).toBeTruthy();
    await user.click(within(dialog).getByRole('button', { name: 'More choices (1)', hidden: true }));
    expect(within(dialog).getByText(/Windows does not let anyone read a saved password back/)).toBeTruthy();
    await user.click(
      within(dialog).getByRole('checkbox', { name: /Delete the saved password/, hidden: true }),
    );
    await user.click(within(dialog).getByRole('checkbox', { name: /restore point/, hidden: true }));
    await user.click(within(dialog).getByRole('button', { name: 'Make 2 changes', hidden: true }));
    await waitFor(() => expect(callsTo(fake, 'repair:apply')).toHaveLength(1));
    expect(callsTo(fake, 'repair:apply')[0]?.request).toEqual({
      host: 'server01.contoso.com',
      changeIds: undefined,
      allowIrreversible: ['saved-credentials:TERMSRV/server01'],
      includeSuggestions: [],
      restorePoint: true,
    });
    expect(await notice('2 changes made.')).toBeTruthy();
    // Tabster un-hides the page behind the dialog asynchronously. The card the user fixed keeps its title.
    await waitFor(() => expect(within(card('Remove saved passwords')).getByText('Not needed')).toBeTruthy());

    await user.click(screen.getByRole('button', { name: 'Undo all from this run' }));
    await waitFor(() =>
      expect(within(card('Turn off UDP on this computer')).getByText('Problem')).toBeTruthy(),
    );
    expect(callsTo(fake, 'repair:undo')[0]?.request).toEqual({
      runId: 'run-2026-11-24-0001',
      changeIds: undefined,
    });
  });

  it('shows progress in a bar and a live region, and Cancel asks main to stop that run', async () => {
    const { fake, user } = await start({ holdApply: true });
    await scan(user);
    await user.click(screen.getByRole('button', { name: 'Fix all (1)' }));
    await user.click(await screen.findByText('Make 1 change'));
    fake.emitProgress({
      runId: 'run-2026-11-24-0001',
      completed: 0,
      total: 1,
      phase: 'machine-changes',
      change: { changeId: 'udp-transport:disable-udp', state: 'running' },
    });
    // Said once as it starts; the steps are in the bar, not read out one by one (issue 27).
    await waitFor(() => expect(screen.getByTestId('live-region').textContent).toBe('Making the changes…'));
    expect(screen.getByText('Change 0 of 1. Changing computer settings…')).toBeTruthy();
    expect(screen.getByRole('progressbar')).toBeTruthy();
    expect(within(card('Turn off UDP on this computer')).getByText('Changing…')).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(callsTo(fake, 'repair:cancel')[0]?.request).toEqual({ runId: 'run-2026-11-24-0001' });
    fake.releaseApply();
    await waitFor(() => expect(screen.queryByRole('progressbar')).toBeNull());
  });

  it('treats denied permission as a normal outcome with one sentence', async () => {
    const { user } = await start({ applyOutcome: 'permission-not-granted' });
    await scan(user);
    await fixCard(user, 'Turn off UDP on this computer');
    expect(await notice('Windows did not get permission, so nothing was changed.')).toBeTruthy();
    expect(within(card('Turn off UDP on this computer')).getByText('Problem')).toBeTruthy();
    expect(within(card('Turn off UDP on this computer')).queryByRole('button', { name: /^Undo/ })).toBeNull();
  });
});
