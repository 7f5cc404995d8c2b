import { expect, test } from '@playwright/test';
import { type DemoServer, machineFile, startDemoServer } from '../support/demo-server.js';
import { checkScreen, DEFAULT_VIEWPORT } from '../support/screens.js';

// Issue 2's walking skeleton: scan shows the UDP problem, Fix turns it OK, Undo brings it back.
test.describe.configure({ mode: 'serial' });

let server: DemoServer;
test.beforeAll(async () => {
  server = await startDemoServer(machineFile('udp-enabled.json'));
});
test.afterAll(async () => {
  await server.stop();
});

test('scan, fix and undo the UDP transport on a machine with UDP on', async ({ page }) => {
  await page.setViewportSize(DEFAULT_VIEWPORT);
  const response = await page.goto(server.url);
  // The policy travels as a header (index.html has no meta tag); scripts only from the app itself.
  expect(response?.headers()['content-security-policy']).toMatch(/(^|; )script-src 'self'(;|$)/);
  await expect(page.getByRole('heading', { level: 1, name: /0x904/ })).toBeVisible();
  await expect(page.getByText(/simulated Windows computer/)).toBeVisible();
  await checkScreen(page, 'udp-start');

  await page.getByRole('combobox', { name: /Computer you cannot connect to/ }).fill('server01.contoso.com');
  await page.getByRole('button', { name: 'Check this PC' }).click();
  const udp = page.locator('[data-repair="udp-transport"]');
  await expect(udp.locator('[data-status]')).toHaveAttribute('data-status', 'problem');
  await expect(udp.getByText('Problem', { exact: true })).toBeVisible();
  await checkScreen(page, 'udp-problem');

  await udp.getByRole('button', { name: 'Fix' }).click();
  const consent = page.getByRole('dialog', { name: 'Fix this?' });
  await expect(consent.getByRole('button', { name: 'Make 1 change' })).toBeVisible();
  await checkScreen(page, 'confirm-one');
  await consent.getByRole('button', { name: 'Make 1 change' }).click();
  await expect(udp.locator('[data-status]')).toHaveAttribute('data-status', 'ok');
  await expect(udp.getByText('Fixed', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Next steps' })).toBeVisible();
  await checkScreen(page, 'udp-fixed');

  // Test connection opens Remote Desktop Connection, then asks what happened; the answer goes into the report.
  await page.getByRole('button', { name: 'Test connection' }).click();
  const asked = page.getByRole('group', { name: 'Did it connect?' });
  await expect(asked).toBeVisible();
  await checkScreen(page, 'did-it-connect');
  await asked.getByRole('button', { name: 'Yes, it connected' }).click();
  await expect(page.getByText(/Your answer is in the report/)).toBeVisible();

  await udp.getByRole('button', { name: 'Undo' }).click();
  await expect(udp.locator('[data-status]')).toHaveAttribute('data-status', 'problem');
  await expect(udp.getByRole('button', { name: 'Fix' })).toBeVisible();
  await checkScreen(page, 'udp-undone');
});
