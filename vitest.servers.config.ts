import { defineConfig } from 'vitest/config';

// Tests against real RDP servers on loopback (npm run test:servers, which checks they are installed first).
export default defineConfig({
  test: {
    include: ['test/rdp-servers/**/*.servers.test.ts'],
    environment: 'node',
    pool: 'forks',
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
