import { defineConfig } from 'vitest/config';

/*
 * One config, four projects:
 * - unit: plain Node (and jsdom for the renderer), the simulated machine; `npm run test:unit`.
 * - pwsh: real PowerShell 7 (`npm run test:powershell`, which checks pwsh is there first and adds Pester).
 * - servers: real RDP servers and sshd on loopback (`npm run test:servers`, which checks they are installed).
 * - windows: WinRM to localhost, on Windows only (the Windows workflow's own step; elsewhere it says NOT RUN).
 * Run one with `vitest run --project <name>`.
 */
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: [
            'shared/**/*.test.ts',
            'engine/**/*.test.ts',
            'machine/**/*.test.ts',
            'network/**/*.test.ts',
            'hosts/**/*.test.ts',
            'electron/**/*.test.ts',
            'scripts/**/*.test.ts',
            'renderer/**/*.test.{ts,tsx}',
            'test/**/*.test.ts',
          ],
          exclude: ['**/*.pwsh.test.ts', '**/*.servers.test.ts', '**/*.windows.test.ts', 'node_modules/**'],
          environment: 'node',
          pool: 'forks',
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'pwsh',
          include: ['**/*.pwsh.test.ts'],
          // .tmp holds scratch output (and must never be searched: a Wine prefix there links z: to /).
          exclude: ['node_modules/**', 'dist/**', '.tools/**', '.tmp/**'],
          environment: 'node',
          pool: 'forks',
          // Two cores: one pwsh at a time keeps the timings in these tests honest.
          fileParallelism: false,
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'servers',
          include: ['test/rdp-servers/**/*.servers.test.ts'],
          environment: 'node',
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          // Windows only (WinRM to localhost): the Windows workflow runs it after Enable-PSRemoting; anywhere
          // else each file says NOT RUN and fails, so it is in no Linux command.
          name: 'windows',
          include: ['test/**/*.windows.test.ts'],
          environment: 'node',
          pool: 'forks',
          fileParallelism: false,
          testTimeout: 120_000,
        },
      },
    ],
  },
});
