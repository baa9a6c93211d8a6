import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectError } from '../test/expect-error.ts';
import { LearnerClient } from '../test/learner-client.ts';
import { startTestApp, type TestApp } from '../test/test-app.ts';

const SOLUTION = readFileSync(
  new URL('../../exercises/set-and-get/solution.ts', import.meta.url),
  'utf8',
);

describe('rate limits per learner', () => {
  let app: TestApp;
  beforeAll(async () => {
    const twice = { requests: 2, perSeconds: 60 };
    app = await startTestApp({ rateLimits: { submit: twice, run: twice, console: twice } });
  });
  afterAll(() => app.stop());

  it('answers 429 with Retry-After once a learner goes over, on Submit, Run and the console', async () => {
    const requests = [
      (learner: LearnerClient) =>
        learner.post('/exercises/set-and-get/submissions', { source: SOLUTION }),
      (learner: LearnerClient) =>
        learner.post('/console/runs', { exercise: 'set-and-get', source: SOLUTION }),
      (learner: LearnerClient) => learner.post('/console/commands', { commands: 'PING' }),
    ];
    const learner = new LearnerClient(`${app.url}/api`);
    await learner.get('/progress');
    for (const send of requests) {
      expect((await send(learner)).status).toBe(200);
      expect((await send(learner)).status).toBe(200);
      const refused = await send(learner);
      await expectError(
        refused,
        429,
        /too many requests: 2 .* are allowed every 60 s\. Try again in \d+ s/,
      );
      const retryAfter = Number(refused.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(60);
    }
  });

  it('counts each learner on their own, and leaves reading alone', async () => {
    const other = new LearnerClient(`${app.url}/api`);
    expect((await other.post('/console/commands', { commands: 'PING' })).status).toBe(200);
    for (let i = 0; i < 5; i += 1) expect((await other.get('/course')).status).toBe(200);
  });
});
