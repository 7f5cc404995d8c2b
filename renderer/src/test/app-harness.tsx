import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { type ReactElement, Suspense } from 'react';
import { expect } from 'vitest';
import { App } from '../components/App.js';
import {
  LazyChecklist,
  LazyHelpView,
  LazyHistoryView,
  LazyNoticeMessage,
  LazyRecoveryDialog,
  LazyScanProgressPanel,
  LazySimulatedMessage,
} from '../components/lazy-views.js';
import { memoryStorage, type SettingsStorage } from '../stores/last-checked.js';
import { createStores, StoresProvider } from '../stores/stores.js';
import { createFakeApi, type FakeOptions } from './fake-api.js';

/** The whole app on the fake main, and what its tests do as a user does (the App.*.test.tsx files). */

export async function start(options: FakeOptions = {}, settings: SettingsStorage = memoryStorage()) {
  const fake = createFakeApi(options);
  const stores = createStores(fake.api, settings);
  const user = userEvent.setup();
  render(
    <StoresProvider stores={stores}>
      <App />
    </StoresProvider>,
  );
  await stores.recovery.getState().load();
  await stores.checklist.getState().init();
  return { fake, stores, user };
}

/** `hidden` after a dialog: jsdom's tabster leaves the page aria-hidden (the e2e checks a real browser). */
export function card(name: string, hidden = false): HTMLElement {
  return screen.getByRole('group', { name, hidden });
}

/** Fix on one card, then its confirmation (the same as Fix all's), as a user does. */
export async function fixCard(user: ReturnType<typeof userEvent.setup>, title: string): Promise<void> {
  await user.click(within(card(title)).getByRole('button', { name: `Fix: ${title}` }));
  const dialogTitle = await screen.findByText('Fix this?');
  const dialog = dialogTitle.closest<HTMLElement>('[role="dialog"]');
  if (!dialog) throw new Error('the title is not inside a dialog');
  await user.click(within(dialog).getByRole('button', { name: /^Make \d+ changes?/, hidden: true }));
}

export async function scan(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Check this PC' }));
  await screen.findByRole('heading', { name: /What we found for/ });
}

/** The visible message bar; the same sentence also goes to the screen-reader live region. */
export async function notice(text: string): Promise<HTMLElement> {
  await waitFor(() => expect(screen.getByTestId('live-region').textContent).toBe(text));
  const visible = screen
    .getAllByText(text)
    .find((element) => !screen.getByTestId('live-region').contains(element));
  if (!visible) throw new Error(`no visible message "${text}"`);
  return visible;
}

export function callsTo(fake: ReturnType<typeof createFakeApi>, channel: string) {
  return fake.calls.filter((call) => call.channel === channel);
}

/**
 * The views App loads lazily (lazy-views.ts), rendered once before a file's tests and thrown away. In one file
 * the first tests had loaded them for the rest; a file of its own starts cold, and a test that looks for a view
 * (or a message bar) right after a click would find it still loading.
 */
export async function loadLazyViews(): Promise<void> {
  const stores = createStores(createFakeApi().api, memoryStorage());
  await stores.checklist.getState().init();
  const views: ReactElement[] = [
    <LazyChecklist key="checklist" />,
    <LazyHelpView key="help" />,
    <LazyHistoryView key="history" />,
    <LazyRecoveryDialog key="recovery" />,
    <LazyScanProgressPanel key="scan-progress" />,
    <LazyNoticeMessage key="notice" notice={{ intent: 'info', text: 'warming up' }} />,
    <LazySimulatedMessage key="simulated" label="warming up" />,
  ];
  render(
    <StoresProvider stores={stores}>
      {views.map((view) => (
        <Suspense key={view.key} fallback={<span data-testid="lazy-loading" />}>
          {view}
        </Suspense>
      ))}
    </StoresProvider>,
  );
  await waitFor(() => expect(screen.queryAllByTestId('lazy-loading')).toHaveLength(0), { timeout: 20_000 });
  // Get help renders the report through a lazy view of its own.
  await screen.findByRole('document', { name: 'The report' }, { timeout: 20_000 });
  cleanup();
}
