import { defineConfig } from 'vitest/config';

/**
 * Tests of the optional parts a bigger user adds from Debian's packages (Redis for the page queue, the native
 * Tesseract engine). `.ci/run` installs and starts them (APA_TEST_REDIS_URL names the Redis it started) and runs
 * `npm run test:services`; a service that is missing makes its tests fail with a line saying what to install,
 * never skip.
 */
export default defineConfig({
  test: {
    include: ['test/services/**/*.test.ts'],
    maxWorkers: 1,
    fileParallelism: false,
    testTimeout: 300_000,
    hookTimeout: 300_000,
  },
});
