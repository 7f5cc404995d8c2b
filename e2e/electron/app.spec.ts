import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { REPO_DIR } from '../support/demo-server.js';
import { installedElectronBinary } from '../support/electron-binary.js';

/*
 * The desktop app itself, started with --demo (simulated machine). Needs the Electron binary, which this
 * project's install skips where it cannot be downloaded: there these tests are reported as skipped, with the
 * reason, never as passed. Windows CI installs Electron and runs `playwright test --project=electron`.
 */

const binary = installedElectronBinary();
const mainFile = join(REPO_DIR, 'dist/electron/main.cjs');

test.skip(binary.path === null, `Electron tests not run: ${binary.reason}`);

test('the app starts on a simulated machine, scans, fixes and undoes UDP', async () => {
  expect(existsSync(mainFile), 'dist/electron/main.cjs (run "npm run build")').toBe(true);
  // Windows CI points RDP_REPAIR_E2E_APP at the packaged e2e build; otherwise Electron runs the repo folder
  // (not main.cjs), so it reads package.json as the packaged app does.
  const packaged = process.env.RDP_REPAIR_E2E_APP;
  const app = packaged
    ? await electron.launch({ executablePath: packaged, args: ['--demo'] })
    : await electron.launch({ executablePath: binary.path ?? undefined, args: [REPO_DIR, '--demo'] });
  try {
    const window = await app.firstWindow();
    await expect(window.getByRole('heading', { level: 1, name: /0x904/ })).toBeVisible();
    await expect(window.getByText(/simulated Windows computer/)).toBeVisible();
    const host = window.getByRole('combobox', { name: /Computer you cannot connect to/ });
    await host.fill('server01.contoso.com');
    await window.keyboard.press('Escape');
    await window.getByRole('button', { name: 'Check this PC' }).click();
    const udp = window.locator('[data-repair="udp-transport"]');
    await expect(udp.locator('[data-status]')).toHaveAttribute('data-status', 'problem');
    await udp.getByRole('button', { name: 'Fix' }).click();
    await expect(udp.locator('[data-status]')).toHaveAttribute('data-status', 'ok');
    await udp.getByRole('button', { name: 'Undo' }).click();
    await expect(udp.locator('[data-status]')).toHaveAttribute('data-status', 'problem');
  } finally {
    await app.close();
  }
});
