// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the strings are learners' TypeScript, whose template literals are theirs to evaluate.
import { describe, expect, it } from 'vitest';
import { learnerModule } from '../test/one-exercise-course.ts';
import { oneExerciseGrader } from '../test/one-exercise-grader.ts';
import { assertValidResult } from '../test/result-schema.ts';

// The check prints what Redis executed as its failure message, so each test can read it; a
// second check forbids reading the slow source on a hit, however the read is sent.
const CHECKS = `
const shown = (commands) =>
  commands.map((c) => [c.client ?? '-', c.script ?? '-', c.name, ...c.args].join(' ')).join(' | ');
export default [
  {
    name: 'shows what Redis executed',
    logExecuted: true,
    async run({ call, sandboxClient, executed, expect }) {
      await call('read', sandboxClient, 'k');
      expect.ok(false, shown(await executed()));
    },
  },
  {
    name: 'a hit does not read the source',
    logExecuted: true,
    async run({ call, sandboxClient, redis, executed, expect }) {
      await redis.set('cache:k', 'cached');
      await call('read', sandboxClient, 'k');
      const reads = (await executed()).filter((c) => c.args.some((arg) => arg.startsWith('source:')));
      expect.equal(reads.map((c) => c.name + (c.script ? ' in ' + c.script : '')), [], 'reads of source:k');
    },
  },
  {
    name: 'executed() is refused without logExecuted',
    async run({ executed }) {
      await executed();
    },
  },
  {
    name: 'shows the keys each command names and whether it writes',
    logExecuted: true,
    async run({ call, sandboxClient, executed, expect }) {
      await call('read', sandboxClient, 'k');
      const described = (await executed()).map(
        (c) => c.name + (c.args[0] && c.keys.length === 0 ? ' ' + c.args[0] : '') + '[' + c.keys.join(',') + ']' + (c.write ? 'w' : 'r'),
      );
      expect.ok(false, described.join(' '));
    },
  },
];
`;

const SIGNATURE = 'export async function read(redis: Redis, key: string): Promise<unknown>';

describe('the log of what Redis executed', () => {
  const graded = oneExerciseGrader(
    {
      id: 'read',
      signature: SIGNATURE,
      checks: CHECKS,
      solution: '  return redis.get(`cache:${key}`);',
      run: '{ call: read, args: [$redis, k] }',
      // Sending 5 MB for the monitor limit takes most of the default 2 s of a call on a quiet
      // machine: on a busy one the time limit would come first, which is not what is proved here.
      limits: { callTimeoutMs: 10_000, checkTimeoutMs: 15_000 },
    },
    2,
  );

  const grade = async (body: string) => {
    const result = await graded.grader.grade('read', learnerModule(SIGNATURE, body));
    assertValidResult(result);
    return result.checks;
  };

  it.concurrent('shows the commands a Lua script ran, after the EVAL that ran them', async () => {
    const [log, hit] = await grade(
      "  await redis.set('plain', 'x');\n  return redis.eval(\"redis.call('GET', 'source:' .. KEYS[1]); return redis.call('SET', 'q', ARGV[1])\", 1, key, 'say \"hi\"\\n');",
    );
    expect(log?.message).toBe(
      `1 - set plain x | 1 - eval redis.call('GET', 'source:' .. KEYS[1]); return redis.call('SET', 'q', ARGV[1]) 1 k say "hi"\n | 1 eval get source:k | 1 eval set q say "hi"\n`,
    );
    expect(hit).toMatchObject({
      status: 'fail',
      message: "reads of source:k: expected [], got [ 'get in eval' ]",
    });
  });

  it.concurrent('shows the commands of a script whose text is not ASCII', async () => {
    const [, hit] = await grade(
      "  return redis.eval(\"-- café, naïve\\nreturn redis.call('GET', 'source:' .. KEYS[1])\", 1, key);",
    );
    expect(hit).toMatchObject({
      status: 'fail',
      message: "reads of source:k: expected [], got [ 'get in eval' ]",
    });
  });

  it.concurrent('tells a learner who sends more than the monitor follows that it is a limit', async () => {
    const [log] = await grade(
      "  await redis.set('big', Buffer.alloc(5 * 1024 * 1024, 0xff));\n  return null;",
    );
    expect({ ...log, durationMs: 0 }).toMatchObject({ status: 'error', reason: 'limit' });
    expect(log?.message).toMatch(/more than 16 MB to Redis in this check.*\(monitor limit\)/);
  });

  it.concurrent('shows the commands of a function, and which client called it', async () => {
    const [log] = await grade(`  const other = new (redis.constructor as typeof Redis)();
  await other.function('LOAD', "#!lua name=lib\\nredis.register_function('peek', function(keys) return redis.call('EXISTS', keys[1]) end)");
  return redis.fcall('peek', 1, \`cache:\${key}\`);`);
    expect(log?.message).toMatch(
      /^2 - function LOAD #!lua name=lib.* \| 1 - fcall peek 1 cache:k \| 1 fcall exists cache:k$/s,
    );
  });

  it.concurrent('tells the keys each command names and whether it writes, as Redis does', async () => {
    const checks = await grade(`  await redis.multi().mset('a', '1', 'b', '2').get('a').exec();
  await redis.xgroup('CREATE', 's', 'g', '$', 'MKSTREAM');
  await redis.object('ENCODING', 'a');
  await redis.eval("return redis.call('DEL', KEYS[1])", 1, key);
  await redis.script('FLUSH');
  return redis.call('NOSUCHCOMMAND', 'a').catch(() => null);`);
    expect(checks[3]?.message).toBe(
      'multi[]r mset[a,b]w get[a]r exec[]r xgroup[s]w object[a]r eval[k]r del[k]w script FLUSH[]r nosuchcommand a[]r',
    );
  });

  it.concurrent('passes code that reads only the cache, and shows its plain commands', async () => {
    const [log, hit] = await grade(
      '  return (await redis.get(`cache:${key}`)) ?? (await redis.get(`source:${key}`));',
    );
    expect(log?.message).toBe('1 - get cache:k | 1 - get source:k');
    expect(hit?.status).toBe('pass');
  });

  it.concurrent('tells the author that executed() needs logExecuted', async () => {
    const [, , refused] = await grade('  return null;');
    expect(refused).toMatchObject({ status: 'error', reason: 'check-crashed' });
    expect(refused?.message).toMatch(/executed\(\) needs `logExecuted: true` on the check/);
  });
});
