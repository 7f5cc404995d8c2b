// @vitest-environment jsdom
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunSummary } from '../../../shared/ipc.js';
import { memoryStorage, type SettingsStorage } from '../stores/last-checked.js';
import { createStores, StoresProvider } from '../stores/stores.js';
import { createFakeApi, type FakeOptions } from '../test/fake-api.js';
import { App } from './App.js';

afterEach(cleanup);

async function start(options: FakeOptions = {}, settings: SettingsStorage = memoryStorage()) {
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
function card(name: string, hidden = false): HTMLElement {
  return screen.getByRole('group', { name, hidden });
}

/** Fix on one card, then its confirmation (the same as Fix all's), as a user does. */
async function fixCard(user: ReturnType<typeof userEvent.setup>, title: string): Promise<void> {
  await user.click(within(card(title)).getByRole('button', { name: `Fix: ${title}` }));
  const dialogTitle = await screen.findByText('Fix this?');
  const dialog = dialogTitle.closest<HTMLElement>('[role="dialog"]');
  if (!dialog) throw new Error('the title is not inside a dialog');
  await user.click(within(dialog).getByRole('button', { name: /^Make \d+ changes?/, hidden: true }));
}

async function scan(user: ReturnType<typeof userEvent.setup>) {
  await user.click(screen.getByRole('button', { name: 'Check this PC' }));
  await screen.findByRole('heading', { name: /What we found for/ });
}

/** The visible message bar; the same sentence also goes to the screen-reader live region. */
async function notice(text: string): Promise<HTMLElement> {
  await waitFor(() => expect(screen.getByTestId('live-region').textContent).toBe(text));
  const visible = screen
    .getAllByText(text)
    .find((element) => !screen.getByTestId('live-region').contains(element));
  if (!visible) throw new Error(`no visible message "${text}"`);
  return visible;
}

function callsTo(fake: ReturnType<typeof createFakeApi>, channel: string) {
  return fake.calls.filter((call) => call.channel === channel);
}

describe('start screen', () => {
  it('names the error, says the machine is simulated and offers the hosts from history', async () => {
    const { user } = await start();
    expect(screen.getByRole('heading', { level: 1, name: /0x904/ })).toBeTruthy();
    expect(await screen.findByText(/simulated Windows computer \(udp-enabled\.json\)/)).toBeTruthy();
    const host = screen.getByRole('combobox', { name: /Computer you cannot connect to/ });
    expect((host as HTMLInputElement).value).toBe('server01.contoso.com');
    // The browser draws the suggestion list from the datalist the field points at.
    const history = (host as HTMLInputElement).list;
    expect([...(history?.options ?? [])].map((option) => option.value)).toContain('10.1.2.3');
    await user.clear(host);
    await user.type(host, '10.1.2.3{Enter}');
    await screen.findByRole('heading', { name: 'What we found for 10.1.2.3' });
  });

  it('validates the host as the user types and does not scan an invalid one', async () => {
    const { fake, user } = await start();
    const host = screen.getByRole('combobox', { name: /Computer you cannot connect to/ });
    await user.clear(host);
    await user.type(host, 'bad host');
    expect(screen.getByText(/cannot contain spaces/)).toBeTruthy();
    await user.click(screen.getByRole('button', { name: 'Check this PC' }));
    expect(callsTo(fake, 'repair:scan')).toHaveLength(0);
    await user.clear(host);
    await user.type(host, 'server02:3390');
    expect(screen.queryByText(/cannot contain spaces/)).toBeNull();
  });
});

describe('start-up', () => {
  it('a click on "Check this PC" before the app has started runs the check once it has', async () => {
    const fake = createFakeApi();
    const stores = createStores(fake.api, memoryStorage());
    const user = userEvent.setup();
    render(
      <StoresProvider stores={stores}>
        <App />
      </StoresProvider>,
    );
    await stores.recovery.getState().load();
    await user.click(screen.getByRole('button', { name: 'Check this PC' }));
    expect(callsTo(fake, 'repair:scan')).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Checking…' })).toBeTruthy();
    await stores.checklist.getState().init();
    await screen.findByRole('heading', { name: 'What we found for server01.contoso.com' });
    expect(callsTo(fake, 'repair:scan')).toEqual([
      { channel: 'repair:scan', request: { host: 'server01.contoso.com' } },
    ]);
  });
});

describe('checklist', () => {
  it('shows the problem first, then the manual step, and folds the passed checks into one line', async () => {
    const { fake, user } = await start();
    await scan(user);
    expect(callsTo(fake, 'repair:scan')[0]?.request).toEqual({ host: 'server01.contoso.com' });
    const headings = () => screen.getAllByRole('heading', { level: 3 }).map((h) => h.textContent);
    expect(headings()).toEqual(['Turn off UDP on this computer', 'Disconnect the VPN']);
    const udp = card('Turn off UDP on this computer');
    expect(within(udp).getByText('Problem')).toBeTruthy();
    expect(within(udp).getByText(/tries UDP/)).toBeTruthy();
    const toggle = screen.getByRole('button', { name: '1 check passed' });
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(screen.queryByRole('group', { name: 'Saved password for the remote computer' })).toBeNull();
    await user.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    // A passed check is titled as what was checked, not as the command its fix would be (issue 27).
    expect(headings()).toEqual([
      'Turn off UDP on this computer',
      'Disconnect the VPN',
      'Saved password for the remote computer',
    ]);
    expect(within(card('Saved password for the remote computer')).getByText('Not needed')).toBeTruthy();
  });

  it('announces the result and moves focus to it', async () => {
    const { user } = await start();
    await scan(user);
    await waitFor(() =>
      expect(screen.getByTestId('live-region').textContent).toBe(
        'Problem on this PC: 1 problem, 1 step for you.',
      ),
    );
    expect(document.activeElement).toBe(screen.getByRole('heading', { name: /What we found for/ }));
  });

  it('names each step while checking, with a bar over them, and takes them away with the result', async () => {
    const { user, fake } = await start({ holdScan: true });
    await user.click(screen.getByRole('button', { name: 'Check this PC' }));
    const panel = await screen.findByRole('region', { name: 'Checking server01.contoso.com' });
    expect(within(panel).getByRole('progressbar')).toBeTruthy();
    fake.emitScanProgress({
      host: 'server01.contoso.com',
      steps: [
        { id: 'start-powershell', state: 'done' },
        { id: 'read-this-pc', state: 'running' },
        { id: 'talk-to-remote', state: 'waiting' },
      ],
    });
    const steps = await within(panel).findAllByRole('listitem');
    expect(steps.map((step) => step.textContent)).toEqual([
      'Starting PowerShell, done',
      'Reading Remote Desktop settings on this PC, in progress',
      'Talking to server01.contoso.com, waiting',
    ]);
    expect(within(panel).getByRole('progressbar').getAttribute('aria-valuenow')).toBe(String(1 / 3));
    fake.releaseScan();
    await screen.findByRole('heading', { name: /What we found for/ });
    expect(screen.queryByRole('region', { name: /^Checking/ })).toBeNull();
    // Steps of a check nobody is waiting for (the quiet check after a fix) are not shown.
    fake.emitScanProgress({
      host: 'server01.contoso.com',
      steps: [{ id: 'read-this-pc', state: 'running' }],
    });
    expect(screen.queryByTestId('scan-steps')).toBeNull();
  });

  it('clears the results when the field names another computer, and offers a fresh check', async () => {
    const { user } = await start();
    await scan(user);
    expect(screen.getByRole('button', { name: 'Check again' })).toBeTruthy();
    const host = screen.getByRole('combobox', { name: /Computer you cannot connect to/ });
    await user.type(host, 'x');
    expect(screen.queryByRole('heading', { name: /What we found for/ })).toBeNull();
    expect(screen.getByRole('button', { name: 'Check this PC' })).toBeTruthy();
  });

  it('after a fix and a restart the field holds the computer that was fixed, not the history', async () => {
    const settings = memoryStorage();
    const first = await start({}, settings);
    const host = screen.getByRole('combobox', { name: /Computer you cannot connect to/ });
    await first.user.clear(host);
    await first.user.type(host, '10.1.2.3');
    await scan(first.user);
    await fixCard(first.user, 'Turn off UDP on this computer');
    await waitFor(() => expect(within(card('Turn off UDP on this computer')).getByText('OK')).toBeTruthy());
    cleanup();

    await start({}, settings);
    const again = screen.getByRole('combobox', { name: /Computer you cannot connect to/ });
    // The fake's Remote Desktop history starts with server01.contoso.com.
    expect((again as HTMLInputElement).value).toBe('10.1.2.3');
    expect(screen.getByTestId('last-checked').textContent).toMatch(/^Last checked: 10\.1\.2\.3, fixed /);
  });

  it('keeps a card in view after its fix turns it green', async () => {
    const { user } = await start();
    await scan(user);
    await fixCard(user, 'Turn off UDP on this computer');
    await waitFor(() => expect(within(card('Turn off UDP on this computer')).getByText('OK')).toBeTruthy());
    // Still one passed check folded: the fixed card is not among them.
    expect(screen.getByRole('button', { name: '1 check passed' })).toBeTruthy();
  });

  it('opens details with evidence, the change and the PowerShell preview', async () => {
    const { user } = await start();
    await scan(user);
    const udp = card('Turn off UDP on this computer');
    await user.click(within(udp).getByRole('button', { name: 'Details: Turn off UDP on this computer' }));
    expect(within(udp).getByText('udp-transport evidence')).toBeTruthy();
    expect(within(udp).getByText(/Set fClientDisableUDP to 1/)).toBeTruthy();
    expect(within(udp).getByText('Admin')).toBeTruthy();
    expect(within(udp).getByText(/Set-ItemProperty/)).toBeTruthy();
    expect(within(udp).getByRole('button', { name: 'Copy' })).toBeTruthy();
  });

  it('Fix turns the card OK and Undo brings the problem back', async () => {
    const { fake, user } = await start();
    await scan(user);
    await fixCard(user, 'Turn off UDP on this computer');
    await waitFor(() => expect(within(card('Turn off UDP on this computer')).getByText('OK')).toBeTruthy());
    expect(callsTo(fake, 'repair:apply')[0]?.request).toMatchObject({
      changeIds: ['udp-transport:disable-udp'],
    });
    expect(within(card('Turn off UDP on this computer')).getByText('Fixed')).toBeTruthy();
    // One state at a time: a fixed card offers Undo, not Fix beside it.
    expect(within(card('Turn off UDP on this computer')).queryByRole('button', { name: /^Fix/ })).toBeNull();
    expect(screen.getByRole('heading', { name: 'Next steps' })).toBeTruthy();

    await user.click(
      within(card('Turn off UDP on this computer')).getByRole('button', {
        name: 'Undo: Turn off UDP on this computer',
      }),
    );
    await waitFor(() =>
      expect(within(card('Turn off UDP on this computer')).getByText('Problem')).toBeTruthy(),
    );
    expect(callsTo(fake, 'repair:undo')[0]?.request).toEqual({
      runId: 'run-2026-11-24-0001',
      changeIds: ['udp-transport:disable-udp'],
    });
    expect(fake.udpDisabled()).toBe(false);
    // Undone: nothing left to undo, and the next steps about that fix are gone.
    expect(within(card('Turn off UDP on this computer')).queryByRole('button', { name: /^Undo/ })).toBeNull();
    expect(screen.queryByRole('heading', { name: 'Next steps' })).toBeNull();
  });

  it('shows manual steps with an "I did this" check, a way back to the check, and the settings to open', async () => {
    const { fake, user } = await start();
    await scan(user);
    const vpn = card('Disconnect the VPN');
    expect(within(vpn).getByText('Do this yourself')).toBeTruthy();
    expect(within(vpn).getByText('Click Disconnect.')).toBeTruthy();
    const check = within(vpn).getByRole('checkbox', { name: 'I did this' });
    await user.click(check);
    expect((check as HTMLInputElement).checked).toBe(true);
    // Marked done, the card offers to check again, which scans again.
    expect(within(vpn).getByText('Done. Check again to see whether it helped.')).toBeTruthy();
    const scansBefore = callsTo(fake, 'repair:scan').length;
    await user.click(within(vpn).getByRole('button', { name: 'Check again: Disconnect the VPN' }));
    await waitFor(() => expect(callsTo(fake, 'repair:scan').length).toBe(scansBefore + 1));
    // The card's own settings page opens from it.
    await user.click(within(card('Disconnect the VPN')).getByRole('button', { name: 'Open VPN settings' }));
    expect(callsTo(fake, 'app:open-tool').at(-1)?.request).toEqual({ tool: 'vpn-settings' });
  });

  it('launches Remote Desktop Connection from the next steps', async () => {
    const { fake, user } = await start();
    await scan(user);
    await fixCard(user, 'Turn off UDP on this computer');
    await user.click(await screen.findByRole('button', { name: 'Test connection' }));
    expect(callsTo(fake, 'mstsc:launch')[0]?.request).toEqual({ host: 'server01.contoso.com' });
    expect(await screen.findByText('Remote Desktop Connection is opening.')).toBeTruthy();
    // Then it asks what happened, and the answer goes into the report.
    const asked = screen.getByRole('group', { name: 'Did it connect?' });
    await user.click(within(asked).getByRole('button', { name: 'No, it did not' }));
    // The next step, with focus on it (issue 27): check again, or get help with the answer in the report.
    const next = screen.getByRole('region', { name: 'What to try next' });
    expect(document.activeElement).toBe(within(next).getByRole('heading', { name: 'What to try next' }));
    expect(within(next).getByText(/your answer is in the report/)).toBeTruthy();
    expect(within(next).getByRole('button', { name: 'Check again' })).toBeTruthy();
    await user.click(within(next).getByRole('button', { name: 'Get help' }));
    await screen.findByRole('heading', { level: 1, name: 'Get help' });
    await waitFor(() =>
      expect(callsTo(fake, 'report:get').at(-1)?.request).toMatchObject({ connectionTest: 'not-connected' }),
    );
  });
});

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
