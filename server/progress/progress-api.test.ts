import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GradedSubmission, Progress } from '../../contracts/index.ts';
import { expectError } from '../test/expect-error.ts';
import { LearnerClient } from '../test/learner-client.ts';
import { startTestApp, type TestApp } from '../test/test-app.ts';
import { keys } from './keys.ts';

const SOLUTION = readFileSync(
  new URL('../../exercises/set-and-get/solution.ts', import.meta.url),
  'utf8',
);
const STARTER = readFileSync(
  new URL('../../exercises/set-and-get/starter.ts', import.meta.url),
  'utf8',
);

describe("a learner's identity and progress, kept in the app's Redis", () => {
  let app: TestApp;
  let base: string;
  beforeAll(async () => {
    app = await startTestApp();
    base = `${app.url}/api`;
  });
  afterAll(() => app.stop());

  const progressOf = (learner: LearnerClient) => learner.json<Progress>(learner.get('/progress'));
  const learnerId = (learner: LearnerClient) =>
    decodeURIComponent(learner.cookie?.split('=')[1] ?? '').replace(/^s:([^.]+)\..*$/, '$1');

  it('gives a new visitor a signed, HttpOnly, SameSite cookie, and knows them by it', async () => {
    const response = await fetch(`${base}/progress`);
    const cookie = response.headers.getSetCookie()[0] ?? '';
    expect(cookie).toMatch(/^keyspace_learner=s%3A[0-9a-f-]{36}\.[\w%-]+;/);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(await response.json()).toEqual({ lastLesson: null, visited: [], exercises: {} });

    const learner = new LearnerClient(base);
    await learner.post('/lessons/set-and-get/visits');
    const first = learner.cookie;
    expect((await progressOf(learner)).visited).toEqual(['set-and-get']);
    expect(learner.cookie).toBe(first);
  });

  it('gives a forged or tampered cookie a new identity, never the one it names', async () => {
    const victim = new LearnerClient(base);
    await victim.post('/lessons/hashes/visits');
    const id = learnerId(victim);
    for (const forged of [`keyspace_learner=${id}`, `keyspace_learner=s%3A${id}.forged`]) {
      const attacker = new LearnerClient(base);
      attacker.cookie = forged;
      expect((await progressOf(attacker)).visited).toEqual([]);
      expect(attacker.cookie).not.toBe(forged);
    }
  });

  it('records submissions: attempts, failures before the pass, best result, code, times', async () => {
    const learner = new LearnerClient(base);
    const submit = (source: string) =>
      learner.json<GradedSubmission>(
        learner.post('/exercises/set-and-get/submissions', { source }),
      );
    // Each answer brings the exercise's progress with that submission counted.
    const first = await submit(STARTER);
    expect(first.result.status).toBe('fail');
    expect(first.progress).toMatchObject({ status: 'failing', attempts: 1, failures: 1 });
    expect(first.progress.passedAt).toBeNull();
    expect((await submit(STARTER)).progress).toMatchObject({ attempts: 2, failures: 2 });
    const pass = await submit(SOLUTION);
    expect(pass.result.status).toBe('pass');
    expect(pass.progress).toMatchObject({ status: 'passed', attempts: 3, failures: 2 });
    expect(pass.progress.best).toEqual({
      passed: pass.result.checks.length,
      total: pass.result.checks.length,
    });
    const last = await submit(STARTER);
    expect(last.result.status).toBe('fail');

    const { exercises } = await progressOf(learner);
    expect(last.progress).toEqual(exercises['set-and-get']);
    expect(exercises['set-and-get']).toEqual({
      status: 'passed',
      attempts: 4,
      failures: 2,
      hintsShown: 0,
      best: { passed: expect.any(Number), total: expect.any(Number) },
      firstAt: expect.any(String),
      lastAt: expect.any(String),
      passedAt: expect.any(String),
    });
    const best = exercises['set-and-get']?.best;
    expect(best?.passed).toBe(best?.total);

    const { submissions } = await learner.json<{
      submissions: { status: string; source: string }[];
    }>(learner.get('/exercises/set-and-get/submissions'));
    expect(submissions.map(({ status }) => status)).toEqual(['fail', 'pass', 'fail', 'fail']);
    expect(submissions[1]?.source).toBe(SOLUTION);

    // As lesson 4 would show them: a hash per exercise, a list of submission ids, a hash each.
    const id = learnerId(learner);
    const hash = await app.state.redis.hgetall(keys.exercise(id, 'set-and-get'));
    expect(hash).toMatchObject({
      status: 'passed',
      attempts: '4',
      failures: '2',
      last_code: STARTER,
    });
    expect(await app.state.redis.llen(keys.submissions(id, 'set-and-get'))).toBe(4);
    expect(await app.state.redis.smembers(keys.exercises(id))).toEqual(['set-and-get']);
  });

  it('keeps the code as last typed, and forgets it on reset', async () => {
    const learner = new LearnerClient(base);
    expect(await learner.json(learner.get('/exercises/set-and-get/draft'))).toEqual({
      source: null,
      savedAt: null,
    });
    const { savedAt } = await learner.json<{ savedAt: string }>(
      learner.put('/exercises/set-and-get/draft', { source: '// my code <b>bold</b>' }),
    );
    expect(await learner.json(learner.get('/exercises/set-and-get/draft'))).toEqual({
      source: '// my code <b>bold</b>',
      savedAt,
    });
    expect((await progressOf(learner)).exercises['set-and-get']?.status).toBe('started');
    expect((await learner.delete('/exercises/set-and-get/draft')).status).toBe(204);
    expect(await learner.json(learner.get('/exercises/set-and-get/draft'))).toMatchObject({
      source: null,
    });
    await expectError(
      await learner.put('/exercises/no-such/draft', { source: 'x' }),
      404,
      /no exercise named 'no-such'/,
    );
    await expectError(
      await learner.put('/exercises/set-and-get/draft', {}),
      400,
      /source must be a string/,
    );
  });

  it('remembers the lessons opened and the last one, and refuses a lesson that does not exist', async () => {
    const learner = new LearnerClient(base);
    await learner.post('/lessons/hashes/visits');
    await learner.post('/lessons/set-and-get/visits');
    expect(await progressOf(learner)).toMatchObject({
      lastLesson: 'set-and-get',
      visited: ['hashes', 'set-and-get'],
    });
    await expectError(await learner.post('/lessons/no-such/visits'), 404, /no lesson named/);
  });

  it('counts the hints revealed, which only grow', async () => {
    const learner = new LearnerClient(base);
    await learner.json(learner.post('/exercises/set-and-get/submissions', { source: STARTER }));
    await learner.json(learner.post('/exercises/set-and-get/hints/2'));
    await learner.json(learner.post('/exercises/set-and-get/hints/1'));
    expect((await progressOf(learner)).exercises['set-and-get']?.hintsShown).toBe(2);
  });

  it('opens the reference solution only after a pass, or after three failed submissions', async () => {
    const passer = new LearnerClient(base);
    await expectError(
      await passer.get('/exercises/set-and-get/solution'),
      403,
      /opens once you pass/,
    );
    await passer.json(passer.post('/exercises/set-and-get/submissions', { source: SOLUTION }));
    expect(await passer.json(passer.get('/exercises/set-and-get/solution'))).toEqual({
      solution: SOLUTION,
    });

    const struggler = new LearnerClient(base);
    for (let attempt = 1; attempt <= 3; attempt += 1) {
      await expectError(
        await struggler.get('/exercises/set-and-get/solution'),
        403,
        /3 submissions/,
      );
      await struggler.json(
        struggler.post('/exercises/set-and-get/submissions', { source: STARTER }),
      );
    }
    expect(await struggler.json(struggler.get('/exercises/set-and-get/solution'))).toEqual({
      solution: SOLUTION,
    });
    await expectError(await struggler.get('/exercises/no-such/solution'), 404, /no exercise named/);
  });

  it('lists the Redis commands of the newest passing code of each exercise passed, and nothing else', async () => {
    const learner = new LearnerClient(base);
    const commands = () =>
      learner.json<{ solutions: number; commands: { name: string; exercises: string[] }[] }>(
        learner.get('/progress/commands'),
      );
    expect(await commands()).toEqual({ solutions: 0, commands: [] });
    const submit = (source: string) =>
      learner.json(learner.post('/exercises/set-and-get/submissions', { source }));
    // A failing submission that calls other commands counts for nothing.
    await submit(STARTER.replace(/^}/m, '  await redis.flushall();\n}'));
    expect(await commands()).toEqual({ solutions: 0, commands: [] });
    await submit(SOLUTION);
    // Passed again later with other code: the newest pass is what the learner knows now.
    const changed = submit(
      SOLUTION.replace(
        "return redis.get('weather');",
        "await redis.exists('weather');\n  return redis.get('weather');",
      ),
    );
    expect(await changed).toMatchObject({ result: { status: 'pass' } });
    await submit(STARTER);
    expect(await commands()).toEqual({
      solutions: 1,
      commands: [
        { name: 'EXISTS', exercises: ['set-and-get'] },
        { name: 'GET', exercises: ['set-and-get'] },
        { name: 'SET', exercises: ['set-and-get'] },
      ],
    });
    const other = new LearnerClient(base);
    expect(await other.json(other.get('/progress/commands'))).toEqual({
      solutions: 0,
      commands: [],
    });
  });

  it("keeps each learner's progress to themselves", async () => {
    const one = new LearnerClient(base);
    const two = new LearnerClient(base);
    await one.json(one.post('/exercises/set-and-get/submissions', { source: SOLUTION }));
    await one.json(one.put('/exercises/set-and-get/draft', { source: 'mine' }));
    expect((await progressOf(two)).exercises).toEqual({});
    expect(await two.json(two.get('/exercises/set-and-get/draft'))).toMatchObject({ source: null });
    await expectError(await two.get('/exercises/set-and-get/solution'), 403, /opens once you pass/);
  });
});
