import { defineConfig } from 'vitest/config';

// Unit tests with fakes, then the integration tests against a real stack (one at a time: they share it).
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    fileParallelism: false,
    testTimeout: 30_000,
  },
});
