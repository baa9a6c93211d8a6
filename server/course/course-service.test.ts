import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Grader } from '../../grader/index.ts';
import { CourseService } from './course-service.ts';

const TINY_COURSE = new URL('../../grader/test/tiny-course/', import.meta.url).pathname;

describe('the course the server answers from', () => {
  let courseDir: string;
  let grader: Grader;
  let course: CourseService;
  const edit = async (file: string, change: (text: string) => string) => {
    const path = join(courseDir, file);
    await writeFile(path, change(await readFile(path, 'utf8')));
  };

  beforeAll(async () => {
    courseDir = await mkdtemp(join(tmpdir(), 'keyspace-course-service-'));
    await cp(TINY_COURSE, courseDir, { recursive: true });
    grader = await Grader.start({ courseDir, concurrency: 1 });
    course = new CourseService(grader);
  });
  afterAll(async () => {
    await grader?.stop();
    await rm(courseDir, { recursive: true, force: true });
  });

  it('reads and renders each lesson and exercise once, however often it is asked for', async () => {
    const lesson = await course.lesson('counting');
    const exercise = await course.exercise('count-visits');
    const hint = await course.hint('count-visits', 1);
    // Changed on disk with no reload: the answers are the very objects made the first time.
    await edit('lessons/01-counting.md', (text) =>
      text.replace('title: Counting', 'title: Tallies'),
    );
    await edit('exercises/count-visits/exercise.md', (text) => `${text}\nA new paragraph.\n`);
    expect(await course.lesson('counting')).toBe(lesson);
    expect(await course.exercise('count-visits')).toBe(exercise);
    expect(await course.hint('count-visits', 1)).toBe(hint);
    expect((await course.courseMap()).lessons[0]?.title).toBe('Counting');
  });

  it('answers with the files as they are once the course is reloaded', async () => {
    grader.reloadExercises();
    expect((await course.lesson('counting')).title).toBe('Tallies');
    expect((await course.courseMap()).lessons[0]?.title).toBe('Tallies');
    expect((await course.exercise('count-visits')).statementHtml).toContain('A new paragraph.');
  });

  it('reads a broken file again on the next request, rather than failing for good', async () => {
    await edit('exercises/count-visits/exercise.md', (text) =>
      text.replace('title: Count the visits', 'title: 42'),
    );
    grader.reloadExercises();
    await expect(course.exercise('count-visits')).rejects.toThrow(/front matter is invalid/);
    await edit('exercises/count-visits/exercise.md', (text) =>
      text.replace('title: 42', 'title: Count the visits'),
    );
    expect((await course.exercise('count-visits')).title).toBe('Count the visits');
    await expect(course.lesson('no-such-lesson')).rejects.toThrow(/no lesson named/);
  });

  it('prepares the whole course ahead: its pages then come from memory, broken files left to their page', async () => {
    grader.reloadExercises();
    await course.prepare();
    // Edited without a reload: a prepared page is what was read before the edit.
    await edit('lessons/01-counting.md', (text) => text.replace('title: Tallies', 'title: Sums'));
    await edit('exercises/count-visits/exercise.md', (text) =>
      text.replace('A new paragraph.', 'Another paragraph.'),
    );
    expect((await course.lesson('counting')).title).toBe('Tallies');
    expect((await course.exercise('count-visits')).statementHtml).toContain('A new paragraph.');

    await edit('exercises/count-visits/exercise.md', (text) =>
      text.replace('title: Count the visits', 'title: 42'),
    );
    grader.reloadExercises();
    await expect(course.prepare()).resolves.toBeUndefined();
    await expect(course.exercise('count-visits')).rejects.toThrow(/front matter is invalid/);
    expect((await course.lesson('counting')).title).toBe('Sums');
  });
});
