import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort, startRedisOnPort } from '../server/test/redis-on-port.ts';
import { spawnKeyspace } from '../server/test/server-process.ts';
import { launchChromium, openPage } from './browser.ts';
import { panel, replaceCode } from './exercise-page.ts';
import { serveCourse } from './serve-course.ts';

const SOLUTION = readFileSync(
  new URL('../exercises/set-and-get/solution.ts', import.meta.url),
  'utf8',
);

// The page in queue mode, where every Submit is answered 202 (no wait at all) and graded by a
// `keyspace worker` process: the learner sees what they see inline, after a word on the wait.
describe('the exercise page in queue mode', () => {
  let redis: ChildProcess;
  let worker: ReturnType<typeof spawnKeyspace>;
  let course: Awaited<ReturnType<typeof serveCourse>>;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    const port = await freePort();
    redis = await startRedisOnPort(port);
    const redisUrl = `redis://127.0.0.1:${port}`;
    worker = spawnKeyspace(['worker', '--concurrency', '1'], { REDIS_URL: redisUrl });
    [course, browser] = await Promise.all([
      serveCourse({ redisUrl, queue: { waitMs: 0 } }),
      launchChromium(),
    ]);
    page = await openPage(browser);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await course?.stop();
    worker?.child.kill('SIGTERM');
    await worker?.exited;
    redis?.kill('SIGKILL');
  });

  it('says the submission waits for a grader, then shows the result as inline', async () => {
    await page.goto(`${course.url}/lessons/set-and-get`);
    await replaceCode(page, SOLUTION);
    await panel(page).getByRole('button', { name: 'Submit' }).click();
    await expect
      .poll(() => panel(page).locator('.grading-wait').textContent(), { timeout: 5_000 })
      .toMatch(/^Your submission is (waiting for a grader|being graded)…$/);
    await expect
      .poll(() => panel(page).getByTestId('grade-status').textContent(), { timeout: 30_000 })
      .toMatch(/All checks passed/);
    expect(await panel(page).locator('.grading-wait').count()).toBe(0);
    expect(await panel(page).locator('.check[data-status="pass"]').count()).toBe(5);
    expect(worker.output()).toMatch(/"msg":"graded"/);
  });
});
