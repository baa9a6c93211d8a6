// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are learners' TypeScript, whose template literals are theirs to evaluate.
import { describe, expect, it } from 'vitest';
import { learnerModule } from '../test/one-exercise-course.ts';
import { oneExerciseGrader } from '../test/one-exercise-grader.ts';
import { assertValidResult } from '../test/result-schema.ts';

// A check written as an adversary would: decoys beside the learner's object, a snapshot diff
// for "touches nothing else", a TTL judged by its window. Each wrong learner below passes a
// check that reads only the learner's own key.
const CHECKS = `
export default [
  {
    name: 'saveProfile stores the user, for a minute, and touches nothing else',
    async run({ call, sandboxClient, redis, expect, random, snapshot, diff, decoys, expectTtl }) {
      const others = await decoys('7301', 3, (id) => redis.hset('user:' + id, 'name', random.word()));
      const id = random.id('7301');
      const name = random.word();
      const before = await snapshot();
      await call('saveProfile', sandboxClient, id, name);
      const changes = diff(before, await snapshot());
      const elsewhere = changes.outside(['user:' + id]);
      expect.ok(elsewhere.length === 0, 'saveProfile changed other keys: ' + changes.describe(elsewhere));
      expect.equal(await redis.hgetall('user:' + id), { name }, 'HGETALL user:' + id);
      await expectTtl('user:' + id, { seconds: 60 });
      expect.equal(others.length, 3, 'decoys');
    },
  },
];
`;

const SIGNATURE =
  'export async function saveProfile(redis: Redis, id: string, name: string): Promise<void>';

describe('checks that judge by effect', () => {
  const graded = oneExerciseGrader(
    {
      id: 'profile',
      signature: SIGNATURE,
      checks: CHECKS,
      solution:
        "  await redis.hset(`user:${id}`, 'name', name);\n  await redis.expire(`user:${id}`, 60);",
      run: "{ call: saveProfile, args: [$redis, '1', Ada] }",
    },
    2,
  );

  const grade = async (body: string) => {
    const result = await graded.grader.grade('profile', learnerModule(SIGNATURE, body));
    assertValidResult(result);
    return result.checks[0];
  };

  it.concurrent.each([
    [
      'empties the database first',
      "  await redis.flushdb();\n  await redis.hset(`user:${id}`, 'name', name);\n  await redis.expire(`user:${id}`, 60);",
      /changed other keys: deleted user:\d{4} \(hash\)/,
    ],
    [
      'stores an extra key',
      "  await redis.hset(`user:${id}`, 'name', name);\n  await redis.expire(`user:${id}`, 60);\n  await redis.set('last-saved', id);",
      /changed other keys: created last-saved \(string\)/,
    ],
    [
      'writes to the first user it finds',
      "  const [found] = await redis.keys('user:*');\n  await redis.hset(found ?? `user:${id}`, 'name', name);\n  await redis.expire(found ?? `user:${id}`, 60);",
      /changed other keys: changed its value and its TTL \(set\) of user:\d{4}/,
    ],
    [
      'sets no TTL',
      "  await redis.hset(`user:${id}`, 'name', name);",
      /the TTL of user:\d{4}: expected 58 s to 60 s, but the key never expires/,
    ],
    [
      'sets a TTL a few seconds short',
      "  await redis.hset(`user:${id}`, 'name', name);\n  await redis.expire(`user:${id}`, 55);",
      /the TTL of user:\d{4}: expected 58 s to 60 s, but PTTL/,
    ],
  ])('fails a learner who %s', async (_what, body, message) => {
    const check = await grade(body);
    expect(check?.status).toBe('fail');
    expect(check?.message).toMatch(message);
  });

  it.concurrent.each([
    [
      'a transaction',
      "  await redis.multi().hset(`user:${id}`, 'name', name).expire(`user:${id}`, 60).exec();",
    ],
    [
      'a pipeline and PEXPIREAT',
      '  await redis.pipeline().hset(`user:${id}`, { name }).pexpireat(`user:${id}`, Date.now() + 60_000).exec();',
    ],
    [
      'a Lua script',
      "  await redis.eval(\"redis.call('HSET', KEYS[1], 'name', ARGV[1]); return redis.call('EXPIRE', KEYS[1], 60)\", 1, `user:${id}`, name);",
    ],
  ])('passes a learner who writes it with %s', async (_how, body) => {
    expect(await grade(body)).toMatchObject({ status: 'pass' });
  });
});
