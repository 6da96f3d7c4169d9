import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // CLI tests run the bundled dist/cg.mjs as a process: build it once first.
    globalSetup: ['tests/setup/build.ts'],
    testTimeout: 30_000,
  },
});
