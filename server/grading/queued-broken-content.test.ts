import type { ChildProcess } from 'node:child_process';
import { appendFile, cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GradingWorker } from '../../queue/index.ts';
import { type AppBeside, startAppBeside } from '../test/app-beside.ts';
import { LearnerClient } from '../test/learner-client.ts';
import { freePort, startRedisOnPort } from '../test/redis-on-port.ts';
import { startTestApp, type TestApp } from '../test/test-app.ts';

const TINY_COURSE = new URL('../../grader/test/tiny-course/', import.meta.url).pathname;
const CHECKS = 'exercises/count-visits/checks.ts';

// An exercise whose checks.ts no longer compiles passes the app's own look at it: only the
// grader's worker process finds the fault. In queue mode that fault crosses two processes (the
// worker process to the queue worker's grader, the queue worker to the app) before the learner
// is told where it is.
describe('a checks.ts that does not compile, submitted in queue mode', { timeout: 120_000 }, () => {
  let redis: ChildProcess;
  let courseDir: string;
  let app: TestApp;
  let inline: AppBeside;
  let worker: GradingWorker;
  let brokenLine: number;
  let solution: string;

  beforeAll(async () => {
    const port = await freePort();
    redis = await startRedisOnPort(port);
    const redisUrl = `redis://127.0.0.1:${port}`;
    courseDir = await mkdtemp(join(tmpdir(), 'keyspace-queued-broken-'));
    await cp(TINY_COURSE, courseDir, { recursive: true });
    await appendFile(join(courseDir, CHECKS), '\nconst broken = ;\n');
    brokenLine = (await readFile(join(courseDir, CHECKS), 'utf8')).split('\n').length - 1;
    solution = await readFile(join(courseDir, 'exercises/count-visits/solution.ts'), 'utf8');
    app = await startTestApp({ redisUrl, courseDir, queue: { waitMs: 60_000 } });
    inline = await startAppBeside(app);
    worker = await GradingWorker.start({
      redisUrl,
      grader: app.grader,
      concurrency: 1,
      name: 'queued-broken-content-test',
      log: pino({ level: 'silent' }),
    });
  });
  afterAll(async () => {
    await worker?.close();
    await inline?.stop();
    await app?.stop();
    redis?.kill('SIGKILL');
    if (courseDir) await rm(courseDir, { recursive: true, force: true });
  });

  const submit = async (url: string) => {
    const response = await new LearnerClient(url).post('/api/exercises/count-visits/submissions', {
      source: solution,
    });
    return { status: response.status, body: await response.json() };
  };

  it('answers 500 broken_content at the file and line, as the app grading inline does', async () => {
    const queued = await submit(app.url);
    expect(queued).toEqual({
      status: 500,
      body: {
        error: 'broken_content',
        message: expect.stringMatching(
          new RegExp(
            `^this part of the course is broken: ${CHECKS}:${brokenLine}: cannot be loaded`,
          ),
        ),
        problem: {
          file: CHECKS,
          line: brokenLine,
          message: expect.stringMatching(/^cannot be loaded: /),
        },
      },
    });
    expect(await submit(inline.url)).toEqual(queued);
  });
});
