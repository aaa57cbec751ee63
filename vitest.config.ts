import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.{ts,tsx}', 'test/**/*.test.ts', 'e2e/**/*.test.ts'],
    // Builds out/service (serve.js + pool-worker.js + UI) once, as `npm run serve` does.
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Socket and process tests share two cores: keep files from starving each other.
    maxWorkers: 2,
    reporters: ['default'],
  },
});
