import { expect, test } from '@playwright/test';
import { type DemoServer, machineFile, startDemoServer } from '../support/demo-server.js';
import { card, cardOrder, checkHost, checkScreenAllModes, REPAIR_ID_PATTERN } from './support/issue-27.js';

// Issue 27, point 5: words for people. No repair id on screen or in what is announced, one state per card on
// every path (never Problem, Undo and "Skipped" at once), and a fixed card stays where it was, marked fixed.
test.describe.configure({ mode: 'serial' });

let server: DemoServer;
test.beforeAll(async () => {
  server = await startDemoServer(machineFile('everything-broken.json'));
});
test.afterAll(async () => {
  await server.stop();
});

test('after Fix all: names in words, one state per card, the fixed card in its place', async ({ page }) => {
  await checkHost(page, server.url);
  const before = await cardOrder(page);
  await page.getByRole('button', { name: /^Fix all/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Make these changes?' });
  await dialog.getByRole('button', { name: /^Make \d+ changes?/ }).click();
  await expect(page.getByRole('heading', { name: 'Next steps' })).toBeVisible();
  await expect(page.getByRole('heading', { name: /What we found for/ })).toBeFocused();

  await expect(page.getByTestId('live-region')).not.toHaveText('');
  expect(await page.getByTestId('live-region').textContent()).not.toMatch(REPAIR_ID_PATTERN);
  expect(await page.getByRole('main').innerText()).not.toMatch(REPAIR_ID_PATTERN);

  const after = await cardOrder(page);
  expect(after.filter((id) => before.includes(id))).toEqual(before);
  const udp = card(page, 'udp-transport');
  await expect(udp.locator('[data-status]')).toHaveAttribute('data-status', 'ok');
  await expect(udp.locator('[data-run-state]')).toHaveText('Fixed');

  for (const id of after) {
    const one = card(page, id);
    const fix = await one.getByRole('button', { name: /^Fix/ }).count();
    const undo = await one.getByRole('button', { name: /^Undo/ }).count();
    const lines = await one.locator('[data-run-state]').allTextContents();
    expect(fix + undo, `${id}: Fix and Undo`).toBeLessThanOrEqual(1);
    expect(lines.length, `${id}: ${lines.join(' | ')}`).toBeLessThanOrEqual(1);
    if (undo > 0) expect(lines.join(''), id).not.toMatch(/Skipped/);
  }
  await checkScreenAllModes(page, 'after-fix-all', card(page, 'saved-credentials'));
});
