import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ContentError } from './errors.ts';
import { Grader } from './grader.ts';

const TINY_COURSE = new URL('./test/tiny-course/', import.meta.url).pathname;
const FIRST_CHECK = 'the first visit counts 1';

describe('checks.ts edited while workers run (the live preview)', () => {
  let courseDir: string;
  let grader: Grader;
  let checksPath: string;
  let solution: string;
  const firstChecks = async () => {
    const results = await Promise.all([1, 2].map(() => grader.grade('count-visits', solution)));
    return results.map((result) => result.checks[0]?.name);
  };

  beforeAll(async () => {
    courseDir = await mkdtemp(join(tmpdir(), 'keyspace-reload-'));
    await cp(TINY_COURSE, courseDir, { recursive: true });
    checksPath = join(courseDir, 'exercises/count-visits/checks.ts');
    solution = await readFile(join(courseDir, 'exercises/count-visits/solution.ts'), 'utf8');
    grader = await Grader.start({ courseDir, concurrency: 2 });
  });
  afterAll(async () => {
    await grader?.stop();
    if (courseDir) await rm(courseDir, { recursive: true, force: true });
  });

  it('grades with the text on disk once the grader reads the exercise again, even after an undo', async () => {
    const original = await readFile(checksPath, 'utf8');
    expect(await firstChecks()).toEqual([FIRST_CHECK, FIRST_CHECK]);

    // Saved, but not yet seen by the grader: a worker importing now reads the new text.
    await writeFile(checksPath, original.replace(FIRST_CHECK, 'an edit soon undone'));
    await firstChecks();
    await firstChecks();

    // Undone: the text, and so its version, is the original's again.
    await writeFile(checksPath, original);
    grader.reloadExercises();
    for (let round = 0; round < 3; round++) {
      expect(await firstChecks()).toEqual([FIRST_CHECK, FIRST_CHECK]);
    }

    await writeFile(checksPath, original.replace(FIRST_CHECK, 'a lasting edit'));
    grader.reloadExercises();
    expect(await firstChecks()).toEqual(['a lasting edit', 'a lasting edit']);
  });

  it('fails a grading with a checks.ts that no longer compiles as a ContentError at its file and line', async () => {
    const original = await readFile(checksPath, 'utf8');
    const broken = `${original}\nconst broken = ;\n`;
    await writeFile(checksPath, broken);
    grader.reloadExercises();
    try {
      // Thrown in the worker process, sent to the grader as data, and made an error again.
      const failed = await grader.grade('count-visits', solution).catch((error: unknown) => error);
      expect(failed).toBeInstanceOf(ContentError);
      expect(failed).toMatchObject({
        code: 'broken_content',
        detail: expect.stringMatching(/^cannot be loaded: /),
        location: {
          file: 'exercises/count-visits/checks.ts',
          line: broken.split('\n').indexOf('const broken = ;') + 1,
        },
      });
    } finally {
      await writeFile(checksPath, original);
      grader.reloadExercises();
    }
    expect((await grader.grade('count-visits', solution)).status).toBe('pass');
  });
});
