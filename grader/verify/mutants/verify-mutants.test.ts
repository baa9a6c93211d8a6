import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadExercise } from '../../content/exercise.ts';
import { Grader } from '../../grader.ts';
import { runMutants } from './mutation-run.ts';
import { VerdictCache } from './verdict-cache.ts';
import { verifyMutants } from './verify-mutants.ts';

const TINY_COURSE = new URL('../../test/tiny-course/', import.meta.url).pathname;
const ONE_INCR = 'a visit is one INCR, so that none is lost';

describe('verify --mutants on the tiny course', () => {
  let grader: Grader;
  let cacheDir: string;
  beforeAll(async () => {
    [grader, cacheDir] = await Promise.all([
      Grader.start({ courseDir: TINY_COURSE, concurrency: 1 }),
      mkdtemp(join(tmpdir(), 'keyspace-mutants-')),
    ]);
  });
  afterAll(async () => {
    await Promise.all([grader.stop(), rm(cacheDir, { recursive: true, force: true })]);
  });

  it('grades each mutant: a GET then SET in place of INCR fails the check for one INCR', async () => {
    const [result] = await runMutants({
      courseDir: TINY_COURSE,
      grade: (id, source) => grader.grade(id, source),
      exerciseIds: ['count-visits'],
      cache: new VerdictCache(cacheDir),
      concurrency: 1,
    });
    const verdicts = Object.fromEntries(
      (result?.outcomes ?? []).map(({ mutant, verdict }) => [mutant.mutatorName, verdict]),
    );
    expect(verdicts.ReadThenWrite).toEqual({ status: 'killed', by: `fail: ${ONE_INCR}` });
    // An empty body for a function that must return a number: TypeScript refuses it.
    expect(verdicts.BlockStatement).toMatchObject({ status: 'compile-error' });
  });

  it('reads every verdict from the cache the second time, without grading', async () => {
    const [result] = await runMutants({
      courseDir: TINY_COURSE,
      grade: () => Promise.reject(new Error('graded although the cache knew the verdict')),
      exerciseIds: ['count-visits'],
      cache: new VerdictCache(cacheDir),
      concurrency: 1,
    });
    expect(result?.outcomes.length).toBeGreaterThan(0);
    expect(result?.outcomes.every(({ cached }) => cached)).toBe(true);
  });
});

describe('verify --mutants on checks too weak to catch a lost update', () => {
  let courseDir: string;
  let cacheDir: string;
  const exerciseDir = () => join(courseDir, 'exercises', 'count-visits');
  beforeAll(async () => {
    courseDir = await mkdtemp(join(tmpdir(), 'keyspace-weak-course-'));
    cacheDir = join(courseDir, '.cache');
    await cp(TINY_COURSE, courseDir, { recursive: true });
    const checks = join(exerciseDir(), 'checks.ts');
    const text = await readFile(checks, 'utf8');
    const weak = text.replace(/ {2}\{\n {4}name: 'a visit is one INCR[\s\S]*?\n {2}\},\n/, '');
    expect(weak).not.toContain(ONE_INCR);
    await writeFile(checks, weak);
  });
  afterAll(() => rm(courseDir, { recursive: true, force: true }));

  const verify = async () => {
    let printed = '';
    const code = await verifyMutants({
      courseDir,
      exerciseIds: ['count-visits'],
      minScore: 90,
      cacheDir,
      concurrency: 1,
      write: (text) => {
        printed += text;
      },
    });
    return { code, printed };
  };

  it('prints the surviving mutant as a diff with its id, and exits 3', async () => {
    const { code, printed } = await verify();
    expect(printed).toContain('LOW  exercises/count-visits: 50%, 1 of 2 mutants killed');
    expect(printed).toMatch(/survived [0-9a-f]{8} {2}ReadThenWrite, line 4\n/);
    expect(printed).toContain('-  return redis.incr(');
    expect(printed).toContain('+  return (async (key) => {');
    expect(code).toBe(3);
  });

  it('leaves a mutant listed as equivalent out of the score, and exits 0', async () => {
    const { printed: before } = await verify();
    const id = /survived ([0-9a-f]{8})/.exec(before)?.[1];
    const markdown = join(exerciseDir(), 'exercise.md');
    const text = await readFile(markdown, 'utf8');
    await writeFile(
      markdown,
      text.replace(
        '\nrun:',
        `\nequivalentMutants:\n  - { id: '${id}', reason: 'for this test' }\nrun:`,
      ),
    );

    const { code, printed } = await verify();
    expect(printed).toContain('ok   exercises/count-visits: 100%, 1 of 1 mutants killed');
    expect(printed).toContain('1 equivalent');
    expect(printed).toContain('3 of them from the cache');
    expect(code).toBe(0);
  });

  it('refuses an equivalent mutant listed without its reason, naming the field', async () => {
    const markdown = join(exerciseDir(), 'exercise.md');
    const text = await readFile(markdown, 'utf8');
    await writeFile(markdown, text.replace(", reason: 'for this test'", ''));
    await expect(loadExercise(courseDir, 'count-visits')).rejects.toThrow(
      /equivalentMutants\.0\.reason/,
    );
  });
});
