import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, type Route, test } from '@playwright/test';
import { type DemoServer, machineFile, startDemoServer } from '../support/demo-server.js';
import { checkScreen, DEFAULT_VIEWPORT, SCREENSHOT_DIR } from '../support/screens.js';

// The checklist issue, point 2: named steps while checking, with a progress bar, the check announced, and
// focus on the result. The unreachable sample's remote takes 4.5 s to answer (simulation.handshakeDelayMs;
// the probe's deadline is 5 s), so "Talking to server01" is seen running; the answer to repair:scan is then
// held until the test lets it go, so the finished steps are a state to look at, not a moment to catch.

let server: DemoServer;
test.beforeAll(async () => {
  const sample = JSON.parse(readFileSync(machineFile('host-unreachable.json'), 'utf8'));
  sample.simulation = { ...sample.simulation, handshakeDelayMs: 4500 };
  const file = join(mkdtempSync(join(tmpdir(), 'rdp-repair-slow-remote-')), 'slow-remote.json');
  writeFileSync(file, JSON.stringify(sample));
  server = await startDemoServer(file);
});
test.afterAll(async () => {
  await server.stop();
});

test('each step of the check is named while it runs, then the result takes over', async ({ page }) => {
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/ipc/repair:scan', async (route: Route) => {
    const response = await route.fetch();
    await released;
    await route.fulfill({ response });
  });
  await page.setViewportSize(DEFAULT_VIEWPORT);
  await page.goto(server.url);
  await page.getByRole('combobox', { name: /Computer you cannot connect to/ }).fill('server01.contoso.com');
  await page.getByRole('button', { name: 'Check this PC' }).click();

  const panel = page.getByRole('region', { name: 'Checking server01.contoso.com' });
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('live-region')).toHaveText('Checking this PC and server01.contoso.com…');
  const read = panel.getByRole('listitem').filter({ hasText: 'Reading Remote Desktop settings on this PC' });
  const remote = panel.getByRole('listitem').filter({ hasText: 'Talking to server01.contoso.com' });
  // The simulated machine answers at once; the remote computer is still being asked.
  await expect(read).toHaveAttribute('data-state', 'done');
  await expect(remote).toHaveAttribute('data-state', 'running');
  await expect(remote).toContainText('in progress');
  await expect(panel.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '0.5');
  await page.screenshot({ path: join(SCREENSHOT_DIR, 'checking-running-light-1280x800.png') });

  // No PowerShell to start on a simulated machine: that step is not made up.
  await expect(panel.getByText('Starting PowerShell')).toHaveCount(0);
  await expect(remote).toHaveAttribute('data-state', 'done', { timeout: 15_000 });
  await expect(panel.getByRole('progressbar')).toHaveAttribute('aria-valuenow', '1');
  await checkScreen(page, 'checking-done');

  release();
  const heading = page.getByRole('heading', { name: 'What we found for server01.contoso.com' });
  await expect(heading).toBeVisible();
  await expect(heading).toBeFocused();
  await expect(panel).toHaveCount(0);
  await expect(page.getByTestId('live-region')).toHaveText(
    'Problem on the way to the remote computer: 1 problem, 1 warning, 1 step for you.',
  );
});
