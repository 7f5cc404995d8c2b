import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'shared/**/*.test.ts',
      'engine/**/*.test.ts',
      'machine/**/*.test.ts',
      'network/**/*.test.ts',
      'cli/**/*.test.ts',
      'electron/**/*.test.ts',
      'scripts/**/*.test.ts',
      'renderer/**/*.test.{ts,tsx}',
      'test/**/*.test.ts',
    ],
    // Real-PowerShell suites run in npm run test:powershell, real RDP servers in npm run test:servers.
    exclude: ['**/*.pwsh.test.ts', '**/*.servers.test.ts', 'node_modules/**'],
    environment: 'node',
    pool: 'forks',
    testTimeout: 30_000,
  },
});
