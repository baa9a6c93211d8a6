import type { ChildProcess } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { LearnerClient } from '../test/learner-client.ts';
import { freePort, startRedisOnPort, stopProcess } from '../test/redis-on-port.ts';
import { startTestApp, type TestApp } from '../test/test-app.ts';

interface Answer {
  status: number;
  error?: string;
  retryAfter: string | null;
}

/**
 * Learners reading their progress and saving their code, over and over, until stopped: what
 * each request answered, in order.
 */
function steadyLoad(base: string, learners: number) {
  const answers: Answer[] = [];
  let running = true;
  const one = async (index: number) => {
    const learner = new LearnerClient(base);
    while (running) {
      const response =
        answers.length % 2 === 0
          ? await learner.get('/progress')
          : await learner.put('/exercises/set-and-get/draft', { source: `// ${index}` });
      const body = (await response.json().catch(() => ({}))) as { error?: string };
      answers.push({
        status: response.status,
        error: body.error,
        retryAfter: response.headers.get('retry-after'),
      });
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  };
  const done = Promise.all(Array.from({ length: learners }, (_, i) => one(i)));
  return {
    answers,
    stop: async () => {
      running = false;
      await done;
    },
  };
}

const settles = { timeout: 20_000, interval: 50 };

describe("the app's Redis going away under load", () => {
  let app: TestApp | undefined;
  let redis: ChildProcess | undefined;
  afterAll(async () => {
    await app?.stop();
    if (redis) await stopProcess(redis);
  });

  it('answers a clear 503 while REDIS_URL is down, and recovers when it returns', async () => {
    const port = await freePort();
    redis = await startRedisOnPort(port);
    app = await startTestApp({ redisUrl: `redis://127.0.0.1:${port}` });
    const load = steadyLoad(`${app.url}/api`, 8);
    await expect
      .poll(() => load.answers.filter((a) => a.status === 200).length, settles)
      .toBeGreaterThan(20);

    await stopProcess(redis, 'SIGKILL');
    const downFrom = load.answers.length;
    await expect
      .poll(() => load.answers.slice(downFrom).filter((a) => a.status === 503).length, settles)
      .toBeGreaterThan(20);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(503);
    expect(await ready.json()).toMatchObject({ status: 'not_ready', checks: { redis: false } });

    redis = await startRedisOnPort(port);
    const upFrom = load.answers.length;
    await expect
      .poll(() => load.answers.slice(upFrom).filter((a) => a.status === 200).length, settles)
      .toBeGreaterThan(20);
    await load.stop();

    expect(new Set(load.answers.map((a) => a.status))).toEqual(new Set([200, 503]));
    for (const answer of load.answers.filter((a) => a.status === 503)) {
      expect(answer).toEqual({ status: 503, error: 'state_unavailable', retryAfter: '5' });
    }
    expect((await fetch(`${app.url}/readyz`)).status).toBe(200);
  });
});

describe('the embedded Redis dying', () => {
  let app: TestApp | undefined;
  afterAll(() => app?.stop());

  it('is started again on the same data, and the learner finds their code', async () => {
    app = await startTestApp();
    // Every write on disk before its reply, not a second later.
    expect(await app.state.redis.config('GET', 'append*')).toEqual(
      expect.arrayContaining(['appendonly', 'yes', 'appendfsync', 'always']),
    );
    const learner = new LearnerClient(`${app.url}/api`);
    await learner.json(learner.put('/exercises/set-and-get/draft', { source: '// kept' }));
    const pid = app.state.embeddedPid;
    expect(pid).toBeDefined();
    process.kill(pid as number, 'SIGKILL');

    await expect
      .poll(async () => (await learner.get('/exercises/set-and-get/draft')).status, settles)
      .toBe(200);
    expect(app.state.embeddedPid).not.toBe(pid);
    expect(await learner.json(learner.get('/exercises/set-and-get/draft'))).toMatchObject({
      source: '// kept',
    });
  });
});
