import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Grader } from '../grader.ts';
import { SandboxServer } from '../redis/sandbox-server.ts';
import { type Problem, verifyCourse } from './verify-course.ts';

const BROKEN_COURSE = new URL('../test/broken-course/', import.meta.url).pathname;
const TINY_COURSE = new URL('../test/tiny-course/', import.meta.url).pathname;
const SHOUTS = 'exercises/echo/right/shouts.ts';
const READS_MISSING_FIXTURE = 'exercises/echo/right/reads-a-missing-fixture.ts';
const FAILS_BOTH = 'exercises/echo/wrong/fails-both.ts';

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
    // redis-cli prints CLIENT LIST's reply raw, an error without its "(error)".
    ['lessons/01-broken.md:40', /fails in the sandbox: \(error\) NOPERM/],
    [
      'lessons/01-broken.md:44',
      /the console refuses this block: a number before a command repeats it/,
    ],
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
    [SHOUTS, /run 1 of 5 did not pass: "echo holds the value": GET echo: expected/],
    [
      'exercises/echo/wrong/never-errors.ts:1',
      /must end the grading in error, but its result is fail: "echo holds the value"/,
    ],
    [
      `${READS_MISSING_FIXTURE}:6`,
      /run 1 of 5 did not pass: "echo holds the value": echo\(\) threw: ENOENT: no such fixture 'fixtures\/greeting.txt': this exercise has no fixtures\/ folder/,
    ],
  ])('reports %s', (where, message) => {
    expect(found(where, message).filter((problem) => !problem.warning)).toHaveLength(1);
  });

  it('warns of a wrong solution that fails an earlier check than the one it names, and the course can hold with it', () => {
    expect(
      found(`${FAILS_BOTH}:1`, /fails "echo holds the value" too, before "echo returns the value"/),
    ).toEqual([expect.objectContaining({ warning: true })]);
  });

  it('reports nothing else: the picture, the link and the blocks that hold are not problems', () => {
    expect(problems.filter((problem) => !problem.warning)).toHaveLength(17);
    expect(problems.filter((problem) => problem.warning)).toHaveLength(1);
  });

  it('gives each problem a grading showed the seed of that grading, and no other problem a seed', () => {
    const seeded = problems.filter((problem) => problem.seed !== undefined);
    expect(seeded.map((problem) => problem.file).sort()).toEqual([
      READS_MISSING_FIXTURE,
      SHOUTS,
      'exercises/echo/starter.ts',
      FAILS_BOTH,
      'exercises/echo/wrong/names-no-check.ts',
      'exercises/echo/wrong/never-errors.ts',
      'exercises/echo/wrong/passes-anyway.ts',
    ]);
    for (const { seed } of seeded) expect(Number.isInteger(seed)).toBe(true);
  });
});

describe('keyspace verify of chosen exercises', () => {
  let grader: Grader;
  let sandbox: SandboxServer;
  beforeAll(async () => {
    [grader, sandbox] = await Promise.all([
      Grader.start({ courseDir: BROKEN_COURSE, concurrency: 1 }),
      SandboxServer.start(),
    ]);
  });
  afterAll(() => Promise.all([grader.stop(), sandbox.stop()]));

  const verifyEcho = async (seed: number) => {
    const checked: string[] = [];
    const problems = await verifyCourse({
      courseDir: BROKEN_COURSE,
      grader,
      sandbox,
      only: ['echo'],
      seed,
      onChecked: (what) => checked.push(what),
    });
    return { checked, problems, shouts: problems.find((problem) => problem.file === SHOUTS) };
  };

  it("verifies only the exercise named: none of the lessons' or other folders' problems", async () => {
    const { checked, problems } = await verifyEcho(42);
    expect(checked).toEqual(['exercises/echo']);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.filter((problem) => !problem.file.startsWith('exercises/echo/'))).toEqual([]);
  });

  it('replays the same random data from the same seed, and other data from another', async () => {
    const first = await verifyEcho(42);
    const again = await verifyEcho(42);
    const other = await verifyEcho(43);
    expect(first.shouts?.seed).toBe(42);
    expect(again.shouts).toEqual(first.shouts);
    expect(other.shouts?.seed).toBe(43);
    expect(other.shouts?.message).not.toBe(first.shouts?.message);
  });
});

describe('keyspace verify, on the tiny course', () => {
  it('passes its right/ solution and the wrong/ one that declares // fails: error and errors', async () => {
    const [grader, sandbox] = await Promise.all([
      Grader.start({ courseDir: TINY_COURSE, concurrency: 1 }),
      SandboxServer.start(),
    ]);
    try {
      expect(
        await verifyCourse({ courseDir: TINY_COURSE, grader, sandbox, only: ['count-visits'] }),
      ).toEqual([]);
    } finally {
      await Promise.all([grader.stop(), sandbox.stop()]);
    }
  });
});
