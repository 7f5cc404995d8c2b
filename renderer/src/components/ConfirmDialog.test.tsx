// @vitest-environment jsdom
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChangeView } from '../../../shared/ipc.js';
import type { ConfirmRequest } from '../stores/checklist-types.js';
import { applyLabel, ConfirmDialog } from './ConfirmDialog.js';

const change = (id: string, reversible: boolean, description = `Change ${id}`): ChangeView => ({
  id,
  repairId: 'saved-credentials',
  description,
  scope: 'user',
  needsElevation: false,
  reversible,
  ...(reversible ? {} : { irreversibleReason: 'no backup can be made' }),
  ops: [],
  powershellPreview: `Remove-Thing '${id}'`,
});

// Fluent's tabster keeps timers on the document: unmount before jsdom goes (else "NodeFilter is not defined").
afterEach(cleanup);

function show(request: ConfirmRequest, onConfirm = vi.fn()) {
  render(
    <FluentProvider theme={webLightTheme}>
      <ConfirmDialog request={request} onCancel={() => {}} onConfirm={onConfirm} />
    </FluentProvider>,
  );
  return onConfirm;
}

async function dialog(title: string): Promise<HTMLElement> {
  const heading = await screen.findByText(title);
  const surface = heading.closest<HTMLElement>('[role="dialog"]');
  if (!surface) throw new Error('the title is not inside a dialog');
  return surface;
}

describe('the consent dialog', () => {
  it('names the outcome in its button, and no number when nothing would change', () => {
    expect(applyLabel(1)).toBe('Make 1 change');
    expect(applyLabel(5)).toBe('Make 5 changes');
    expect(applyLabel(0)).toBe('Make changes');
  });

  it('leads with what helps, in plain words, the rest folded behind "More choices" (issue 27)', async () => {
    const user = userEvent.setup();
    show({
      repairId: null,
      changes: [
        change('a', true, 'Turn off UDP for Remote Desktop: set fClientDisableUDP to 1 under HKLM'),
        change('b', false),
      ],
      suggestions: [change('c', true)],
    });
    const surface = await dialog('Make these changes?');
    const headings = within(surface).getAllByRole('heading', { level: 3, hidden: true });
    expect(headings.map((h) => h.textContent)).toEqual(['Recommended', 'More choices (2)']);
    expect(within(surface).getByText('Turn off UDP for Remote Desktop')).toBeTruthy();
    expect(within(surface).queryByText(/HKLM/)).toBeNull();
    expect(within(surface).queryByRole('checkbox', { name: 'Change b', hidden: true })).toBeNull();
    await user.click(
      within(surface).getByRole('button', { name: 'Details: Turn off UDP for Remote Desktop', hidden: true }),
    );
    expect(within(surface).getByText(/HKLM/)).toBeTruthy();
    await user.click(within(surface).getByRole('button', { name: 'More choices (2)', hidden: true }));
    const risky = within(surface).getByRole('checkbox', { name: 'Change b', hidden: true });
    expect(risky.getAttribute('aria-describedby')).toBeTruthy();
    expect(within(surface).getByText('Risk: no backup can be made')).toBeTruthy();
    expect(within(surface).getByRole('button', { name: 'Make 1 change', hidden: true })).toBeTruthy();
  });

  it('cannot be confirmed while nothing would change, says why, and counts what is ticked', async () => {
    const user = userEvent.setup();
    const onConfirm = show({ repairId: 'saved-credentials', changes: [change('a', false)], suggestions: [] });
    const button = await screen.findByRole('button', { name: 'Make changes', hidden: true });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    const reason = document.getElementById(button.getAttribute('aria-describedby') ?? '');
    expect(reason?.textContent).toBe(
      'Nothing is ticked, so nothing would change. Tick a change above to make it.',
    );
    await user.click(button);
    expect(onConfirm).not.toHaveBeenCalled();

    await user.click(screen.getByRole('checkbox', { name: 'Change a', hidden: true }));
    await user.click(screen.getByRole('button', { name: 'Make 1 change', hidden: true }));
    expect(onConfirm).toHaveBeenCalledWith({
      allowIrreversible: ['a'],
      includeSuggestions: [],
      restorePoint: false,
    });
  });

  it('consents to a suggestion that cannot be undone when it is ticked, and chooses it', async () => {
    const user = userEvent.setup();
    const onConfirm = show({
      repairId: null,
      changes: [change('a', true)],
      suggestions: [change('s', false)],
    });
    const surface = await dialog('Make these changes?');
    await user.click(within(surface).getByRole('button', { name: 'More choices (1)', hidden: true }));
    await user.click(within(surface).getByRole('checkbox', { name: 'Change s', hidden: true }));
    await user.click(within(surface).getByRole('button', { name: 'Make 2 changes', hidden: true }));
    expect(onConfirm).toHaveBeenCalledWith({
      allowIrreversible: ['s'],
      includeSuggestions: ['s'],
      restorePoint: false,
    });
  });

  it('puts focus on its title when it opens', async () => {
    show({ repairId: null, changes: [change('a', true)], suggestions: [] });
    const title = await screen.findByText('Make these changes?');
    await waitFor(() => expect(document.activeElement).toBe(title));
  });
});
