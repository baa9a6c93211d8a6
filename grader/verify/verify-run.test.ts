import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Grader } from '../grader.ts';
import { SandboxServer } from '../redis/sandbox-server.ts';
import { type OneExercise, oneExerciseCourse } from '../test/one-exercise-course.ts';
import { verifyRunScenario } from './verify-run.ts';

const FORECAST: OneExercise = {
  id: 'forecast',
  signature: 'export async function forecast(redis: Redis, city: string)',
  checks: 'export default [];\n',
  solution: "  return redis.hget('db:forecasts', city);",
  run: '{ call: forecast, args: [$redis, lisbon] }',
};

describe('verify, of what Run of the reference solution shows', () => {
  let sandbox: SandboxServer;
  beforeAll(async () => {
    sandbox = await SandboxServer.start();
  });
  afterAll(() => sandbox.stop());

  const verify = async (exercise: OneExercise) => {
    const course = oneExerciseCourse(exercise);
    const grader = await Grader.start({ courseDir: course.dir, concurrency: 1 });
    try {
      return await verifyRunScenario(grader, sandbox, exercise.id);
    } finally {
      await grader.stop();
      course.remove();
    }
  };

  it('fails a Run whose every call comes back empty, in an empty Redis', async () => {
    expect(await verify(FORECAST)).toEqual([
      {
        file: 'exercises/forecast/exercise.md',
        message: expect.stringMatching(
          /^Run of the reference solution in an empty Redis shows only empty results \(forecast → null\): store the data its calls read with setup:/,
        ),
      },
    ]);
  });

  it('passes it once setup: stores what the calls read', async () => {
    const setup = ["[HSET, 'db:forecasts', lisbon, sunny]"];
    expect(await verify({ ...FORECAST, setup })).toEqual([]);
  });

  it('fails a Run that shows nothing the second time in a row', async () => {
    const once = {
      ...FORECAST,
      solution: "  return (await redis.set('lock', 'held', 'NX')) === 'OK' ? 'taken' : null;",
    };
    expect((await verify(once))[0]?.message).toMatch(
      /^Run of the reference solution a second time in a row shows only empty results \(forecast → null\)/,
    );
    expect(await verify({ ...once, setup: ['[DEL, lock]'] })).toEqual([]);
  });

  it('fails a Run that throws, naming the call', async () => {
    const throwing = { ...FORECAST, solution: "  throw new Error('no forecast for ' + city);" };
    expect((await verify(throwing))[0]?.message).toMatch(
      /^Run of the reference solution in an empty Redis throws in forecast: forecast\(\) threw: no forecast for lisbon/,
    );
  });

  it('fails a setup: the learner may not send, with Redis’s answer', async () => {
    const refused = {
      ...FORECAST,
      setup: ["[HSET, 'db:forecasts', lisbon, sunny]", '[CONFIG, GET, maxmemory]'],
    };
    expect((await verify(refused))[0]?.message).toMatch(
      /^Run of the reference solution in an empty Redis stopped: Before calling your code, Run stores the data it works on, and your Redis refused: CONFIG GET maxmemory answered NOPERM/,
    );
  });
});
