import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradedSubmission, GradeResult } from '../../contracts/index.ts';
import { courseWithProbe, poisonedClass } from '../../grader/test/poisoned-learners.ts';
import { LearnerClient } from '../test/learner-client.ts';
import { type ServerProcess, startServerProcess } from '../test/server-process.ts';

// One live server grading learners whose code leaves connection state behind, interleaved with
// learners whose code is right: the right ones pass, every time.
describe('the live server, with learners who leave connection state behind', () => {
  const course = courseWithProbe();
  let dataDir = '';
  let app: ServerProcess;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'keyspace-poisoned-'));
    app = await startServerProcess(dataDir, ['--course', course]);
  });

  afterAll(async () => {
    app?.child.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
    await rm(course, { recursive: true, force: true });
  });

  it('passes every right submission, whoever was graded before it', async () => {
    const failed: { learner: string; exercise: string; result: GradeResult }[] = [];
    const submissions = poisonedClass(2);
    // Two at a time, in order: each grading lands in a worker and sandbox the one before used.
    for (let index = 0; index < submissions.length; index += 2) {
      await Promise.all(
        submissions.slice(index, index + 2).map(async ({ learner, exercise, source, right }) => {
          const client = new LearnerClient(`${app.url}/api`);
          await client.json(client.get('/progress'));
          const { result } = await client.json<GradedSubmission>(
            client.post(`/exercises/${exercise}/submissions`, { source }),
          );
          if (right && result.status !== 'pass') failed.push({ learner, exercise, result });
        }),
      );
    }
    expect(failed).toEqual([]);
  }, 240_000);
});
