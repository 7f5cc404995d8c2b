import { expect, test } from '@playwright/test';
import { type DemoServer, machineFile, startDemoServer } from '../support/demo-server.js';
import { fixCard } from '../support/fix-card.js';
import { checkScreen, DEFAULT_VIEWPORT } from '../support/screens.js';

// The checklist issue, point 3: the computer being fixed is remembered in the app's own storage, so a
// reload never fills the field from the Remote Desktop history (which a fix may just have cleaned).
let server: DemoServer;
test.beforeAll(async () => {
  server = await startDemoServer(machineFile('udp-enabled.json'));
});
test.afterAll(async () => {
  await server.stop();
});

test('after a fix and a reload the field holds the computer that was fixed', async ({ page }) => {
  await page.setViewportSize(DEFAULT_VIEWPORT);
  await page.goto(server.url);
  const host = page.getByRole('combobox', { name: /Computer you cannot connect to/ });
  // Not in this machine's Remote Desktop history: only the app's own record can bring it back.
  const history = await host.evaluate((input) =>
    [...((input as HTMLInputElement).list?.options ?? [])].map((option) => option.value),
  );
  expect(history).not.toContain('desk07.contoso.com');
  await expect(page.getByTestId('last-checked')).toHaveCount(0);

  await host.fill('desk07.contoso.com');
  await page.getByRole('button', { name: 'Check this PC' }).click();
  const udp = page.locator('[data-repair="udp-transport"]');
  await fixCard(page, udp);
  await expect(udp.locator('[data-status]')).toHaveAttribute('data-status', 'ok');

  await page.reload();
  await expect(host).toHaveValue('desk07.contoso.com');
  await expect(page.getByTestId('last-checked')).toHaveText(/^Last checked: desk07\.contoso\.com, fixed /);
  await checkScreen(page, 'remembered-host');
});
