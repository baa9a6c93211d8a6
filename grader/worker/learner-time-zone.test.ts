import { describe, expect, it } from 'vitest';
import { learnerModule } from '../test/one-exercise-course.ts';
import { oneExerciseGrader } from '../test/one-exercise-grader.ts';

// The check stores what the learner's code saw of the local time; UTC would read 0.
const CHECKS = `
export default [
  {
    name: 'the local time is not UTC',
    async run({ call, sandboxClient, redis, expect }) {
      await call('save', sandboxClient, 'offset');
      expect.equal(await redis.get('offset'), '-330', 'getTimezoneOffset() in learner code');
    },
  },
];
`;

const SIGNATURE = 'export async function save(redis: Redis, key: string): Promise<void>';
const BODY = '  await redis.set(key, String(new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset()));';

describe('learner code', () => {
  const graded = oneExerciseGrader({
    id: 'save',
    signature: SIGNATURE,
    checks: CHECKS,
    solution: BODY,
    run: '{ call: save, args: [$redis, offset] }',
  });

  it('runs in a time zone other than UTC, as most of its users do', async () => {
    const result = await graded.grader.grade('save', learnerModule(SIGNATURE, BODY));
    expect(result.checks).toMatchObject([{ status: 'pass' }]);
  });
});
