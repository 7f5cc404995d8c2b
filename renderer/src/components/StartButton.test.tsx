// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StartButton } from './StartButton.js';

afterEach(cleanup);

describe('StartButton', () => {
  it('is a plain button unless told to submit, and passes clicks on', async () => {
    const onClick = vi.fn();
    render(<StartButton onClick={onClick}>Check</StartButton>);
    const button = screen.getByRole('button', { name: 'Check' });
    expect(button.getAttribute('type')).toBe('button');
    await userEvent.click(button);
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('disabledFocusable: stays in the Tab order, says it is disabled, ignores clicks and does not submit', async () => {
    const onClick = vi.fn();
    const onSubmit = vi.fn((event: SubmitEvent) => event.preventDefault());
    render(
      <form onSubmit={(event) => onSubmit(event.nativeEvent as SubmitEvent)}>
        <input aria-label="host" />
        <StartButton type="submit" disabledFocusable onClick={onClick}>
          Checking…
        </StartButton>
      </form>,
    );
    const button = screen.getByRole('button', { name: 'Checking…' });
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.hasAttribute('disabled')).toBe(false);
    await userEvent.tab();
    await userEvent.tab();
    expect(document.activeElement).toBe(button);
    await userEvent.click(button);
    expect(onClick).not.toHaveBeenCalled();
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
