import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LearnerClient } from './test/learner-client.ts';
import { type ServerProcess, startServerProcess } from './test/server-process.ts';

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
    expect(server.output()).toContain(`Live preview: watching ${TINY_COURSE.replace(/\/$/, '')}`);
    const learner = new LearnerClient(`${server.url}/api`);
    const course = await learner.json<{ lessons: { id: string }[] }>(learner.get('/course'));
    expect(course.lessons.map((lesson) => lesson.id)).toEqual(['counting']);
    expect((await learner.get('/exercises/set-and-get')).status).toBe(404);
    const source = await readFile(join(TINY_COURSE, 'exercises/count-visits/solution.ts'), 'utf8');
    const graded = await learner.json<{ status: string }>(
      learner.post('/exercises/count-visits/submissions', { source }),
    );
    expect(graded.status).toBe('pass');

    // An open page's event stream never ends by itself; shutdown must end it, not wait for it.
    const events = await fetch(`${server.url}/api/preview/events`);
    expect(events.status).toBe(200);
    const streamed = events.text();
    server.child.kill('SIGTERM');
    expect(await streamed).toMatch(/^event: course\n/);
    expect(await server.exited).toBe(0);
  });
});
