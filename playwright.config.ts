import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';
import { installedElectronBinary } from './e2e/support/electron-binary.js';

/*
 * Two projects. `web`: the browser demo (dist/web-demo/server.mjs over a simulated machine) in Debian's
 * Chromium; each spec file starts its own demo server, so specs never share a journal or machine state.
 * `electron`: the packaged main process with --demo, for machines where the Electron binary is installed
 * (Windows CI); elsewhere its tests report themselves as skipped with the reason.
 */
// Debian's Chromium here; elsewhere (Windows CI) Playwright's own, installed by `npx playwright install chromium`.
const DEBIAN_CHROMIUM = '/usr/bin/chromium';
const chromiumPath = process.env.CHROMIUM_PATH ?? (existsSync(DEBIAN_CHROMIUM) ? DEBIAN_CHROMIUM : undefined);

function electronInstalled(): boolean {
  return installedElectronBinary().path !== null;
}

// Said once, by the runner (not by each worker), so the test count is never read as "Electron passed".
if (process.env.TEST_WORKER_INDEX === undefined && !electronInstalled()) {
  console.log(
    'electron project: not run here, the Electron binary is not installed (its tests are listed as skipped).',
  );
}

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // Two cores shared with everything else: one browser at a time keeps runs steady.
  workers: 1,
  fullyParallel: false,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  forbidOnly: !!process.env.CI,
  // KNOWN FLAKE, not a fix: on 2026-12-03 one clean-clone run of 3 saw two web specs (passed-checks, verdict
  // nla-required-credssp-off) get a 'network' verdict or none within 15 s, and pass on rerun. One retry in CI
  // keeps that from hiding the rest; Playwright lists such a test as "flaky", and the cause is the next issue.
  retries: process.env.CI ? 1 : 0,
  projects: [
    {
      name: 'web',
      testDir: 'e2e/web',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: chromiumPath,
          args: [
            '--no-sandbox',
            '--disable-gpu',
            '--disable-background-networking',
            '--disable-component-update',
            '--no-first-run',
          ],
        },
        trace: 'retain-on-failure',
      },
    },
    {
      name: 'electron',
      testDir: 'e2e/electron',
    },
  ],
});
