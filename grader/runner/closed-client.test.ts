import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../result/grade-result.ts';
import { learnerModule } from '../test/one-exercise-course.ts';
import { oneExerciseGrader } from '../test/one-exercise-grader.ts';
import { assertValidResult } from '../test/result-schema.ts';

// A course of one exercise whose check reads only what Redis holds: a call that closes the
// client it was lent fails by the engine's rule, even where Redis saw nothing of it.
const CHECKS = `
export default [
  {
    name: 'save stores the value',
    async run({ call, sandboxClient, redis, expect }) {
      await call('save', sandboxClient, 'answer', '42');
      expect.equal(await redis.get('answer'), '42', 'GET answer');
    },
  },
];
`;

const SIGNATURE =
  'export async function save(redis: Redis, key: string, value: string): Promise<void>';

describe('a learner call that closes the client it was given', () => {
  const graded = oneExerciseGrader({
    id: 'save',
    signature: SIGNATURE,
    checks: CHECKS,
    solution: '  await redis.set(key, value);',
    run: "{ call: save, args: [$redis, answer, '42'] }",
  });

  async function grade(body: string): Promise<GradeResult> {
    const result = await graded.grader.grade('save', learnerModule(SIGNATURE, body));
    assertValidResult(result);
    return result;
  }

  it('fails whether it closed it with quit(), disconnect() or end()', async () => {
    for (const close of ['await redis.quit();', 'redis.disconnect();', 'redis.end();']) {
      const [check] = (await grade(`  await redis.set(key, value);\n  ${close}`)).checks;
      expect({ close, check }).toMatchObject({
        close,
        check: {
          status: 'fail',
          reason: 'assertion',
          message: expect.stringMatching(
            /^`save` closed the client it was given \(with quit\(\), disconnect\(\) or end\(\)\)/,
          ),
        },
      });
    }
  });

  it('passes a call that closes only a client of its own', async () => {
    const result = await grade(`  const own = redis.duplicate();
  await own.set(key, value);
  await own.quit();`);
    expect(result.status).toBe('pass');
  });
});
