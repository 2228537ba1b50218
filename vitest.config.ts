import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // test/services/ needs Debian services (Redis, native Tesseract) that a fresh machine lacks: `.ci/run` installs
    // them and runs those tests with `npm run test:services` (vitest.services.config.ts).
    exclude: ['test/services/**', '**/node_modules/**'],
    // OCR tests start WASM workers; keep parallelism to the 2 cores CI has.
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
