import { expect, test } from '@playwright/test';
import { type DemoServer, machineFile, startDemoServer } from '../support/demo-server.js';
import { card, checkHost, checkScreenAllModes } from './support/issue-27.js';

// Issue 27, point 6 (the renderer's part): once the check passes, past events are history, not a warning; and a
// passed check is titled as what was checked ("VPN connections — OK"), not as a command ("Reconnect your VPN").

let server: DemoServer;
test.beforeAll(async () => {
  // A VPN that carries a working connection, and a 0x904 from yesterday in the event log.
  server = await startDemoServer(machineFile('vpn-connected.json'));
});
test.afterAll(async () => {
  await server.stop();
});

test('past events as history under "No problems found", passed checks by what was checked', async ({
  page,
}) => {
  await checkHost(page, server.url);
  await expect(page.getByTestId('verdict')).toHaveAttribute('data-side', 'none');
  const events = card(page, 'event-logs');
  await expect(events.getByText('Earlier', { exact: true })).toBeVisible();
  await expect(events.getByText('Warning', { exact: true })).toHaveCount(0);
  await expect(
    page.getByText('No problems found on this PC. If the error remains, use "Get help".'),
  ).toBeVisible();
  await expect(page.getByTestId('live-region')).toHaveText(/^No problems found/);
  await expect(page.getByTestId('live-region')).not.toHaveText(/warning/);

  await page.getByTestId('passed-toggle').click();
  const vpn = card(page, 'vpn');
  await expect(vpn.getByRole('heading', { level: 3 })).toHaveText('VPN connections');
  await expect(page.getByRole('heading', { level: 3, name: /^Reconnect your VPN/ })).toHaveCount(0);
  await checkScreenAllModes(page, 'passed-checks', events);
});
