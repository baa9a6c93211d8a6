import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Grader } from '../grader.ts';
import { SandboxServer } from '../redis/sandbox-server.ts';
import { type Problem, verifyCourse } from './verify-course.ts';

const BROKEN_COURSE = new URL('../test/broken-course/', import.meta.url).pathname;

describe('keyspace verify, on a course broken on purpose', () => {
  let grader: Grader;
  let sandbox: SandboxServer;
  let problems: Problem[];
  beforeAll(async () => {
    [grader, sandbox] = await Promise.all([
      Grader.start({ courseDir: BROKEN_COURSE, concurrency: 1 }),
      SandboxServer.start(),
    ]);
    problems = await verifyCourse({ courseDir: BROKEN_COURSE, grader, sandbox });
  });
  afterAll(() => Promise.all([grader.stop(), sandbox.stop()]));

  const found = (where: string, message: RegExp) =>
    problems.filter(
      (problem) =>
        `${problem.file}${problem.line === undefined ? '' : `:${problem.line}`}` === where &&
        message.test(problem.message),
    );

  it.each([
    ['lessons/01-broken.md:7', /names exercise missing-one, but exercises\/missing-one\//],
    ['exercises/orphan', /no lesson names this exercise/],
    ['lessons/01-broken.md:14', /the link 02-nowhere\.md leads to no file/],
    ['lessons/01-broken.md:38', /the image images\/missing\.svg leads to no file/],
    ['lessons/01-broken.md:30', /shown:\n {4}\(integer\) 2\n {2}printed:\n {4}\(integer\) 1/],
    ['lessons/01-broken.md:34', /fails in the sandbox: \(error\) NOPERM/],
    ['exercises/echo/exercise.md', /has 1 hint\(s\): give at least 2/],
    ['exercises/echo/checks.ts', /has 2 check\(s\): write at least 3/],
    ['exercises/echo/starter.ts', /must run and fail a check, but its result is pass/],
    [
      'exercises/echo/wrong/passes-anyway.ts:1',
      /must fail the check "echo holds the value", but it passed/,
    ],
    ['exercises/echo/exercise.md', /run: calls ecoh, which the reference solution does not export/],
    [
      'exercises/echo/wrong/names-no-check.ts:1',
      /names the check "a check nobody wrote", which the exercise does not have/,
    ],
  ])('reports %s', (where, message) => {
    expect(found(where, message)).toHaveLength(1);
  });

  it('reports nothing else: the picture, the link and the blocks that hold are not problems', () => {
    expect(problems).toHaveLength(12);
  });
});
