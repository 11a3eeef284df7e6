import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // NOTE: vitest's default is one fork on a 2-core machine; most CLI tests wait
    // on child processes, so two forks halve the wall time there.
    maxWorkers: 2,
  },
});
