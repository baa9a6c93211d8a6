import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { GradedSubmission } from '../contracts/index.ts';
import { LearnerClient } from './test/learner-client.ts';
import { type ServerProcess, spawnKeyspace, startServerProcess } from './test/server-process.ts';

const TINY_COURSE = new URL('../grader/test/tiny-course/', import.meta.url).pathname;

describe('keyspace start --course DIR --watch', () => {
  let server: ServerProcess | undefined;
  let dataDir: string | undefined;
  afterAll(async () => {
    server?.child.kill('SIGKILL');
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('serves that course alone, follows it, and still stops at once on SIGTERM', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'keyspace-start-course-'));
    server = await startServerProcess(dataDir, ['--course', TINY_COURSE, '--watch']);
    // Printed just after the address, maybe in a chunk of its own.
    await expect
      .poll(() => server?.output())
      .toContain(`Live preview: watching ${TINY_COURSE.replace(/\/$/, '')}`);
    const learner = new LearnerClient(`${server.url}/api`);
    const course = await learner.json<{ lessons: { id: string }[] }>(learner.get('/course'));
    expect(course.lessons.map((lesson) => lesson.id)).toEqual(['counting']);
    expect((await learner.get('/exercises/set-and-get')).status).toBe(404);
    const source = await readFile(join(TINY_COURSE, 'exercises/count-visits/solution.ts'), 'utf8');
    const graded = await learner.json<GradedSubmission>(
      learner.post('/exercises/count-visits/submissions', { source }),
    );
    expect(graded.result.status).toBe('pass');

    // An open page's event stream never ends by itself; shutdown must end it, not wait for it.
    const events = await fetch(`${server.url}/api/preview/events`);
    expect(events.status).toBe(200);
    const streamed = events.text();
    server.child.kill('SIGTERM');
    expect(await streamed).toMatch(/^event: course\n/);
    expect(await server.exited).toBe(0);
  });
});

describe('keyspace start and keyspace worker, misconfigured', () => {
  it.concurrent.each([
    [
      ['start'],
      { KEYSPACE_GRADING: 'queued' },
      /KEYSPACE_GRADING must be 'inline' or 'queue', not 'queued'/,
    ],
    [['start'], { KEYSPACE_GRADING: 'queue' }, /KEYSPACE_GRADING=queue needs REDIS_URL/],
    [
      ['start'],
      { KEYSPACE_GRADING: 'queue', REDIS_URL: 'redis://127.0.0.1:1', KEYSPACE_QUEUE_LIMIT: '0' },
      /KEYSPACE_QUEUE_LIMIT must be a whole number from 1 to 1000000, not '0'/,
    ],
    [['start'], { KEYSPACE_CONSOLES: 'many' }, /KEYSPACE_CONSOLES must be a whole number/],
    [['worker'], {}, /keyspace worker needs REDIS_URL: the app's Redis/],
    [
      ['worker', '--concurrency', '0'],
      { REDIS_URL: 'redis://127.0.0.1:1' },
      /--concurrency must be a whole number from 1 to 64, not '0'/,
    ],
    [
      ['worker', '--concurrency', '2'],
      { KEYSPACE_WORKER_CONCURRENCY: 'many', KEYSPACE_METRICS_PORT: '9464.0', LOG_LEVEL: 'loud' },
      /keyspace: 2 settings are wrong:\n {2}KEYSPACE_METRICS_PORT must be a whole number from 0 to 65535, not '9464\.0'\n {2}LOG_LEVEL must be /,
    ],
  ])('%j with %j exits 64 and says what is wrong', async (args, env, message) => {
    const run = spawnKeyspace(args, env);
    expect(await run.exited).toBe(64);
    expect(run.output()).toMatch(message);
    expect(run.output()).not.toMatch(/\n\s+at /);
  });
});
