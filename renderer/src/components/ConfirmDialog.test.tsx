// @vitest-environment jsdom
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChangeView } from '../../../shared/ipc.js';
import { applyLabel, ConfirmDialog } from './ConfirmDialog.js';

const change = (id: string, reversible: boolean): ChangeView => ({
  id,
  repairId: 'saved-credentials',
  description: `Change ${id}`,
  scope: 'user',
  needsElevation: false,
  reversible,
  ...(reversible ? {} : { irreversibleReason: 'no backup can be made' }),
  ops: [],
  powershellPreview: '',
});

// Fluent's tabster keeps timers on the document: unmount before jsdom goes (else "NodeFilter is not defined").
afterEach(cleanup);

describe('the consent dialog', () => {
  it('names the outcome in its button', () => {
    expect(applyLabel(1, 0)).toBe('Make 1 change');
    expect(applyLabel(5, 3)).toBe('Make 5 changes, skip 3');
    expect(applyLabel(1, 2)).toBe('Make 1 change, skip 2');
  });

  it('cannot be confirmed while nothing would change, says why, and counts what is ticked', async () => {
    const onConfirm = vi.fn();
    const user = userEvent.setup();
    render(
      <FluentProvider theme={webLightTheme}>
        <ConfirmDialog
          request={{ repairId: 'saved-credentials', changes: [change('a', false)], suggestions: [] }}
          onCancel={() => {}}
          onConfirm={onConfirm}
        />
      </FluentProvider>,
    );
    const button = await screen.findByRole('button', { name: 'Make 0 changes, skip 1', hidden: true });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(screen.getByText('Nothing would change yet: tick at least one change above.')).toBeTruthy();
    await user.click(button);
    expect(onConfirm).not.toHaveBeenCalled();

    await user.click(screen.getByRole('checkbox', { name: /I agree: Change a/, hidden: true }));
    await user.click(screen.getByRole('button', { name: 'Make 1 change', hidden: true }));
    expect(onConfirm).toHaveBeenCalledWith({
      allowIrreversible: ['a'],
      includeSuggestions: [],
      restorePoint: false,
    });
  });

  it('puts focus on its title when it opens', async () => {
    render(
      <FluentProvider theme={webLightTheme}>
        <ConfirmDialog
          request={{ repairId: null, changes: [change('a', true)], suggestions: [] }}
          onCancel={() => {}}
          onConfirm={() => {}}
        />
      </FluentProvider>,
    );
    const title = await screen.findByText('Make these changes?');
    await waitFor(() => expect(document.activeElement).toBe(title));
  });
});
