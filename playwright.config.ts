import { defineConfig } from '@playwright/test';

/*
 * Two projects. `web`: the browser demo (dist/web-demo/server.mjs over a simulated machine) in Debian's
 * Chromium; each spec file starts its own demo server, so specs never share a journal or machine state.
 * `electron`: the packaged main process with --demo, for machines where the Electron binary is installed
 * (Windows CI); elsewhere its tests report themselves as skipped with the reason.
 */
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
  projects: [
    {
      name: 'web',
      testDir: 'e2e/web',
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
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
