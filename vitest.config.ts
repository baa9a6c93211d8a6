import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['{grader,server,queue,metrics,web,exercises,e2e}/**/*.test.ts'],
    // Tests start real redis-servers, worker processes and Chromium.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
