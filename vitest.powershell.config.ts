import { defineConfig } from 'vitest/config';

// The suites that run real PowerShell 7 (npm run test:powershell, which checks pwsh is there first).
export default defineConfig({
  test: {
    include: ['**/*.pwsh.test.ts'],
    // .tmp holds scratch output (and must never be searched: a Wine prefix there links z: to /).
    exclude: ['node_modules/**', 'dist/**', '.tools/**', '.tmp/**'],
    environment: 'node',
    pool: 'forks',
    // Two cores: one pwsh at a time keeps the timings in these tests honest.
    fileParallelism: false,
    testTimeout: 60_000,
  },
});
