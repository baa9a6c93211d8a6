import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
