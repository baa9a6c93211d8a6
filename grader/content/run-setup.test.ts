import { afterEach, describe, expect, it } from 'vitest';
import { ContentError } from '../errors.ts';
import { oneExerciseCourse } from '../test/one-exercise-course.ts';
import { loadExercise } from './exercise.ts';

const courses: { remove(): void }[] = [];
afterEach(() => {
  for (const course of courses.splice(0)) course.remove();
});

/** Loads an exercise whose front matter has these `setup:` lines (the first on line 7). */
function load(setup: string[]) {
  const course = oneExerciseCourse({
    id: 'forecast',
    signature: 'export async function forecast(redis: Redis, city: string)',
    checks: 'export default [];\n',
    solution: "  return redis.hget('db:forecasts', city);",
    run: '{ call: forecast, args: [$redis, lisbon] }',
    setup,
  });
  courses.push(course);
  return loadExercise(course.dir, 'forecast');
}

describe("exercise.md's setup: what Redis holds before a Run", () => {
  it('reads each command as its words, numbers as words too', async () => {
    const exercise = await load([
      "[HSET, 'db:forecasts', lisbon, 'sunny, high of 24']",
      '[EXPIRE, x, 60]',
    ]);
    expect(exercise.setup).toEqual([
      ['HSET', 'db:forecasts', 'lisbon', 'sunny, high of 24'],
      ['EXPIRE', 'x', '60'],
    ]);
  });

  it('is none when the front matter has none', async () => {
    expect((await load([])).setup).toEqual([]);
  });

  it.each([
    [
      'a command given as one line',
      ["'HSET db:forecasts lisbon sunny'"],
      /setup\.0: must be a Redis command as a list of its words/,
    ],
    ['an empty command', ['[]'], /setup\.0: is empty/],
    [
      'a name that is no command',
      ['[SET, a, b]', "['-x', a]"],
      /setup\.1: -x is not the name of a Redis command/,
    ],
    ['FLUSHALL', ['[flushall]'], /setup\.0: flushall reaches every key of the learner's Redis/],
    ['SUBSCRIBE', ['[SUBSCRIBE, news]'], /setup\.0: SUBSCRIBE leaves state on its connection/],
  ])('refuses %s, at its line of exercise.md', async (_what, setup, message) => {
    const loading = load(setup);
    await expect(loading).rejects.toThrow(ContentError);
    await expect(loading).rejects.toThrow(message);
    const error = (await loading.catch((thrown: unknown) => thrown)) as ContentError;
    expect(error.location).toEqual({
      file: 'exercises/forecast/exercise.md',
      line: 7 + setup.length - 1,
    });
  });
});
