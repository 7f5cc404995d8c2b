import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { machineFile, startDemoServer } from '../support/demo-server.js';
import { checkScreen, DEFAULT_VIEWPORT } from '../support/screens.js';

// A crash in the middle of an apply leaves an unfinished run; the next start offers to roll it back first.
test('an interrupted run is offered for rollback before anything else', async ({ page }) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'rdp-repair-e2e-recovery-'));
  try {
    const crashing = await startDemoServer(machineFile('everything-broken.json'), [
      '--data-dir',
      dataDir,
      '--kill-after-write',
      '1',
    ]);
    await page.setViewportSize(DEFAULT_VIEWPORT);
    await page.goto(crashing.url);
    // The start screen is usable before the history arrives; scan the host it then fills in.
    await expect(page.getByRole('combobox', { name: /Computer you cannot connect to/ })).toHaveValue(
      'server01.contoso.com',
    );
    await page.getByRole('button', { name: 'Check this PC' }).click();
    await page.getByRole('button', { name: /^Fix all/ }).click();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /^Make \d+ changes?/ })
      .click();
    await crashing.exited;

    const server = await startDemoServer(machineFile('everything-broken.json'), ['--data-dir', dataDir]);
    try {
      await page.goto(server.url);
      const dialog = page.getByRole('alertdialog', { name: 'RDP Repair was interrupted' });
      await expect(dialog).toBeVisible();
      await checkScreen(page, 'recovery');
      await dialog.getByRole('button', { name: 'Put things back' }).click();
      await expect(dialog).toBeHidden();
      await expect(page.getByText(/put back|undone|rolled back/i).first()).toBeVisible();
      await page.getByRole('button', { name: 'History', exact: true }).click();
      await expect(page.locator('[data-run]').first()).not.toContainText('Unfinished');
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
