// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../shared/ipc.js';
import { callsTo, fixCard, loadLazyViews, scan, start } from '../test/app-harness.js';

beforeAll(loadLazyViews, 30_000);
afterEach(cleanup);

// History, the report in Get help, and recovery of an interrupted run.
describe('history, report and recovery', () => {
  it('lists past runs and undoes one', async () => {
    const { fake, user } = await start();
    await scan(user);
    await fixCard(user, 'Turn off UDP on this computer');
    await waitFor(() => expect(fake.udpDisabled()).toBe(true));
    const nav = screen.getByRole('navigation', { name: 'Sections' });
    expect(within(nav).getByRole('button', { name: 'Check and fix' }).getAttribute('aria-current')).toBe(
      'page',
    );
    await user.click(within(nav).getByRole('button', { name: 'History' }));
    expect(within(nav).getByRole('button', { name: 'History' }).getAttribute('aria-current')).toBe('page');
    expect(within(nav).getByRole('button', { name: 'Check and fix' }).hasAttribute('aria-current')).toBe(
      false,
    );
    const run = await screen.findByRole('group', { name: /server01\.contoso\.com/ });
    expect(within(run).getByText('Applied')).toBeTruthy();
    await user.click(within(run).getByRole('button', { name: 'Undo this run' }));
    // It puts back a computer-wide setting: asked first, naming it, so the UAC prompt is expected.
    const title = await screen.findByText('Undo this run?');
    const dialog = title.closest<HTMLElement>('[role="dialog"]');
    if (!dialog) throw new Error('the title is not inside a dialog');
    expect(within(dialog).getByText(/need administrator permission/)).toBeTruthy();
    // In words that go backwards, counted as listed (issue 27).
    expect(
      within(dialog)
        .getAllByRole('listitem', { hidden: true })
        .map((li) => li.textContent),
    ).toEqual(['Turn UDP back on for Remote DesktopAdmin']);
    expect(fake.udpDisabled()).toBe(true);
    await user.click(within(dialog).getByRole('button', { name: 'Undo 1 change', hidden: true }));
    await waitFor(() => expect(within(run).getByText('Undone')).toBeTruthy());
    expect(fake.udpDisabled()).toBe(false);
  });

  it('shows the report, redacted by default, and the unredacted one on request', async () => {
    const { fake, user } = await start();
    await user.click(screen.getByRole('button', { name: 'Get help' }));
    // First what the error means, then the report rendered; its Markdown behind "Show text".
    expect(screen.getByRole('heading', { name: 'What the error means' })).toBeTruthy();
    expect(screen.getByRole('heading', { name: 'Where to ask' })).toBeTruthy();
    const rendered = await screen.findByRole('document', { name: 'The report' });
    // Its title sits under "The report" (h2): the page keeps its one h1 (issue 27).
    await waitFor(() => expect(within(rendered).getByRole('heading', { level: 3 })).toBeTruthy());
    expect(screen.getAllByRole('heading', { level: 1 }).map((h) => h.textContent)).toEqual(['Get help']);
    await user.click(screen.getByRole('button', { name: 'Show text' }));
    const report = await screen.findByRole('textbox', { name: 'Report (Markdown)' });
    await waitFor(() => expect((report as HTMLTextAreaElement).value).toContain('Host: <host>'));
    await user.click(screen.getByRole('switch', { name: 'Hide names and addresses' }));
    await waitFor(() =>
      expect((report as HTMLTextAreaElement).value).toContain('Host: server01.contoso.com'),
    );
    expect(callsTo(fake, 'report:get').at(-1)?.request).toEqual({
      host: 'server01.contoso.com',
      redact: false,
    });
    expect(screen.getByRole('button', { name: 'Copy report' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Save report' })).toBeTruthy();
  });

  it('opens Windows tools from Get help and says why when one does not open', async () => {
    const { fake, user } = await start();
    await user.click(screen.getByRole('button', { name: 'Get help' }));
    const tools = await screen.findByRole('region', { name: 'Look further in Windows' });
    expect(within(tools).getByRole('button', { name: 'Open Credential Manager' })).toBeTruthy();
    await user.click(within(tools).getByRole('button', { name: 'Open log folder' }));
    expect(await within(tools).findByText('This opens only in the Windows app.')).toBeTruthy();
    await user.click(within(tools).getByRole('button', { name: 'Open Event Viewer' }));
    expect(callsTo(fake, 'app:open-tool').map((call) => call.request)).toEqual([
      { tool: 'log-folder' },
      { tool: 'event-viewer' },
    ]);
  });

  it('shows no message when the tool opens', async () => {
    const { fake, user } = await start({ toolsOpen: true });
    await user.click(screen.getByRole('button', { name: 'Get help' }));
    await user.click(await screen.findByRole('button', { name: 'Open Event Viewer' }));
    await waitFor(() => expect(callsTo(fake, 'app:open-tool')).toHaveLength(1));
    expect(screen.queryByText('This opens only in the Windows app.')).toBeNull();
    expect(screen.queryByText('Event Viewer is opening.')).toBeNull();
  });

  it('offers an unfinished run for rollback before anything else', async () => {
    const pending: RunSummary[] = [
      {
        runId: 'run-2026-11-23-0009',
        host: 'server01',
        startedAt: '2026-11-23T09:00:00Z',
        state: 'in-progress',
        changes: [
          {
            id: 'udp-transport:disable-udp',
            repairId: 'udp-transport',
            description: 'Set fClientDisableUDP to 1.',
            reversible: true,
            needsElevation: true,
            undone: false,
          },
        ],
        undoable: true,
      },
    ];
    const { fake, user } = await start({ pending });
    const dialog = await screen.findByRole('alertdialog', { name: 'RDP Repair was interrupted' });
    expect(within(dialog).getByText('Set fClientDisableUDP to 1.')).toBeTruthy();
    expect(fake.calls[0]?.channel).toBe('recovery:pending');
    await user.click(within(dialog).getByRole('button', { name: 'Put things back' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(callsTo(fake, 'recovery:rollback')[0]?.request).toEqual({ runId: 'run-2026-11-23-0009' });
    expect(screen.getByText('The interrupted changes were put back.')).toBeTruthy();
  });
});
