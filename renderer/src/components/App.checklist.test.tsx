// @vitest-environment jsdom
import { cleanup, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { memoryStorage } from '../stores/last-checked.js';
import { callsTo, card, fixCard, loadLazyViews, scan, start } from '../test/app-harness.js';

beforeAll(loadLazyViews, 30_000);
afterEach(cleanup);

// The checklist: the cards, their Fix, Undo and manual steps, and the next steps.
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
