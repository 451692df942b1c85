import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.{ts,tsx}'],
    environment: 'node',
    testTimeout: 20_000,
    pool: 'forks',
    // Two test files at a time even on two cores: most files spend their time waiting on child
    // processes (the CLI, moto, a pty), which vitest's default of one worker left idle.
    maxWorkers: 2,
    globalSetup: ['test/global-setup.ts'],
  },
});
