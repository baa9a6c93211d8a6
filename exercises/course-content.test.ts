import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_COURSE_DIR, Grader, loadLessons } from '../grader/index.ts';

// The course proves itself: every exercise a lesson names exists, its reference solution
// passes and its starter fails (as a failure, not as code that cannot run).
const lessons = await loadLessons(DEFAULT_COURSE_DIR);
const exerciseIds = lessons.flatMap((lesson) => lesson.exercises);

describe('the course', () => {
  let grader: Grader;
  beforeAll(async () => {
    grader = await Grader.start({ concurrency: 2 });
  });
  afterAll(() => grader.stop());

  it('has at least one lesson with an exercise', () => {
    expect(exerciseIds.length).toBeGreaterThan(0);
  });

  it.each(exerciseIds)('%s: the reference solution passes every check', async (id) => {
    const exercise = await grader.exercise(id);
    const result = await grader.grade(id, exercise.solution);
    expect(result.checks.filter((check) => check.status !== 'pass')).toEqual([]);
    expect(result.status).toBe('pass');
  });

  it.each(exerciseIds)('%s: the starter runs and fails', async (id) => {
    const exercise = await grader.exercise(id);
    const result = await grader.grade(id, exercise.starter);
    expect(result.status).toBe('fail');
  });
});
