import { expect, test } from '@playwright/test';
import { type DemoServer, machineFile, startDemoServer } from '../support/demo-server.js';
import { checkScreen, DEFAULT_VIEWPORT } from '../support/screens.js';

// The checklist issue, point 8: a "do this yourself" card acts. It opens the Windows settings it points at (in
// the browser demo that is said not to be possible here), and "I did this" turns into "check again".
let server: DemoServer;
test.beforeAll(async () => {
  server = await startDemoServer(machineFile('tunnel-closes.json'));
});
test.afterAll(async () => {
  await server.stop();
});

test('a do-this-yourself card opens its settings and, once done, offers the check again', async ({
  page,
}) => {
  await page.setViewportSize(DEFAULT_VIEWPORT);
  await page.goto(server.url);
  await page.getByRole('combobox', { name: /Computer you cannot connect to/ }).fill('server01.contoso.com');
  await page.getByRole('button', { name: 'Check this PC' }).click();
  const vpn = page.locator('[data-repair="vpn"]');
  await expect(vpn.locator('[data-status]')).toHaveAttribute('data-status', 'manual');
  await vpn.scrollIntoViewIfNeeded();
  await checkScreen(page, 'manual-vpn');

  await vpn.getByRole('button', { name: 'Open VPN settings' }).click();
  // The browser demo has no Windows to open: it says so, in the notice bar (and the live region).
  await expect(page.getByRole('main').getByText('This opens only in the Windows app.')).toBeVisible();

  await vpn.getByRole('checkbox', { name: 'I did this' }).check();
  await expect(vpn.getByText('Done. Check again to see whether it helped.')).toBeVisible();
  await checkScreen(page, 'manual-vpn-done');
  await vpn.getByRole('button', { name: 'Check again' }).click();
  await expect(page.getByRole('heading', { name: /What we found for/ })).toBeFocused();
});
