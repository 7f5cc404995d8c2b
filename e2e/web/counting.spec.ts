import { expect, test } from '@playwright/test';
import { type DemoServer, machineFile, startDemoServer } from '../support/demo-server.js';
import { checkHost, checkScreenAllModes } from './support/issue-27.js';

// Issue 27, point 3: one counting model. The number on "Fix all" is what the dialog's default button does, the
// announcement counts the cards on screen, and the undo dialog counts what it lists, in words that go backwards.

let server: DemoServer;
test.beforeAll(async () => {
  server = await startDemoServer(machineFile('everything-broken.json'));
});
test.afterAll(async () => {
  await server.stop();
});

function plural(count: number, one: string): string {
  return `${count} ${one}${count === 1 ? '' : 's'}`;
}

test('Fix all, its dialog and the announcement count the same things', async ({ page }) => {
  await checkHost(page, server.url);
  const problems = await page.locator('[data-repair] [data-status="problem"]').count();
  const warnings = await page.locator('[data-repair] [data-status="warning"]').count();
  const heard = (await page.getByTestId('live-region').textContent()) ?? '';
  expect(heard).toContain(plural(problems, 'problem'));
  if (warnings > 0) expect(heard).toContain(plural(warnings, 'warning'));
  else expect(heard).not.toContain('warning');

  const fixAll = page.getByRole('button', { name: /^Fix all \(\d+\)$/ });
  const count = Number(/\((\d+)\)/.exec((await fixAll.textContent()) ?? '')?.[1]);
  await fixAll.click();
  const dialog = page.getByRole('dialog', { name: 'Make these changes?' });
  await expect(
    dialog.getByRole('button', {
      name: count === 1 ? 'Make 1 change' : `Make ${count} changes`,
      exact: true,
    }),
  ).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
});

test('undoing a run from History counts what it lists and says it backwards', async ({ page }) => {
  await checkHost(page, server.url);
  await page.getByRole('button', { name: /^Fix all/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Make these changes?' });
  await dialog.getByRole('button', { name: /^Make \d+ changes?/ }).click();
  await expect(page.getByRole('heading', { name: 'Next steps' })).toBeVisible();

  await page.getByRole('button', { name: 'History', exact: true }).click();
  const run = page.locator('[data-run]').first();
  await run.getByRole('button', { name: 'Undo this run' }).click();
  const asked = page.getByRole('dialog', { name: 'Undo this run?' });
  await expect(asked).toBeVisible();
  const listed = await asked.getByRole('listitem').count();
  await expect(
    asked.getByRole('button', {
      name: listed === 1 ? 'Undo 1 change' : `Undo ${listed} changes`,
      exact: true,
    }),
  ).toBeVisible();
  await expect(asked).toContainText('Turn UDP back on for Remote Desktop');
  await expect(asked).not.toContainText('Turn off UDP');
  await expect(asked).not.toContainText('fClientDisableUDP to 1');
  await checkScreenAllModes(page, 'undo-run-counted');
});
