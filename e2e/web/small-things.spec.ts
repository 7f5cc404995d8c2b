import { expect, type Route, test } from '@playwright/test';
import { type DemoServer, machineFile, startDemoServer } from '../support/demo-server.js';
import { DEFAULT_VIEWPORT } from '../support/screens.js';
import { checkScreenAllModes } from './support/issue-27.js';

// Issue 27, points 9 and 10: the demo's first suggested computer is one its simulated network knows, and a check
// that takes more than a moment (a silent remote computer) can be cancelled, saying it ends within 5 seconds.

test.describe('udp-enabled.json: no Remote Desktop history', () => {
  let server: DemoServer;
  test.beforeAll(async () => {
    server = await startDemoServer(machineFile('udp-enabled.json'));
  });
  test.afterAll(async () => {
    await server.stop();
  });

  test('the demo offers a computer its simulated network knows', async ({ page }) => {
    await page.goto(server.url);
    const host = page.getByRole('combobox', { name: /Computer you cannot connect to/ });
    await expect(host).toHaveValue('server01.contoso.com');
  });
});

test.describe('a check still waiting for the remote computer', () => {
  let server: DemoServer;
  test.beforeAll(async () => {
    server = await startDemoServer(machineFile('host-unreachable.json'));
  });
  test.afterAll(async () => {
    await server.stop();
  });

  test('offers Cancel, says when it ends, and Cancel gives the page back', async ({ page }) => {
    // Held at a known state rather than raced: this PC is read, the remote computer is still being asked (the
    // engine's own steps are e2e/web/scan-progress.spec.ts), and the answer waits until the test lets it go.
    const waiting = {
      host: 'server01.contoso.com',
      steps: [
        { id: 'read-this-pc', state: 'done' },
        { id: 'talk-to-remote', state: 'running' },
      ],
    };
    await page.route('**/events', (route) =>
      route.fulfill({
        headers: { 'content-type': 'text/event-stream', 'cache-control': 'no-store' },
        body: `retry: 300\nevent: scan:progress\ndata: ${JSON.stringify(waiting)}\n\n`,
      }),
    );
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
    await expect(panel.getByRole('listitem').filter({ hasText: 'Talking to' })).toHaveAttribute(
      'data-state',
      'running',
    );
    const cancel = panel.getByRole('button', { name: 'Cancel the check' });
    await expect(cancel).toBeVisible();
    await expect(panel).toContainText('server01.contoso.com has up to 5 seconds to answer');
    await checkScreenAllModes(page, 'checking-cancel');
    await cancel.click();
    await expect(panel).toHaveCount(0);
    await expect(page.getByRole('button', { name: 'Check this PC' })).toBeFocused();
    await expect(page.getByTestId('live-region')).toHaveText('Check cancelled.');
    // The cancelled check's answer, arriving later, changes nothing.
    const answered = page.waitForResponse('**/ipc/repair:scan');
    release();
    await answered;
    await expect(page.getByRole('button', { name: 'Check this PC' })).toBeVisible();
    await expect(page.getByRole('heading', { name: /What we found for/ })).toHaveCount(0);
  });
});
