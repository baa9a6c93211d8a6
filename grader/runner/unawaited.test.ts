import { describe, expect, it } from 'vitest';
import type { GradeResult } from '../result/grade-result.ts';
import { learnerModule } from '../test/one-exercise-course.ts';
import { oneExerciseGrader } from '../test/one-exercise-grader.ts';
import { assertValidResult } from '../test/result-schema.ts';

// A course of one exercise: `save` stores a value; one check judges it as usual, one allows
// fire-and-forget. The check reads after a pause, so unawaited commands have landed by then:
// only the engine's rule, not luck, can fail them.
const CHECKS = `
const pause = () => new Promise((resolve) => setTimeout(resolve, 50));
export default [
  {
    name: 'save stores the value',
    async run({ call, sandboxClient, redis, expect }) {
      await call('save', sandboxClient, 'answer', '42');
      await pause();
      expect.equal(await redis.get('answer'), '42', 'GET answer');
    },
  },
  {
    name: 'save may fire and forget',
    allowUnawaited: true,
    async run({ call, sandboxClient, redis, expect }) {
      await call('save', sandboxClient, 'answer', '42');
      await pause();
      expect.equal(await redis.get('answer'), '42', 'GET answer');
    },
  },
];
`;

const SIGNATURE =
  'export async function save(redis: Redis, key: string, value: string): Promise<void>';

describe('a learner call that leaves its Redis work running', () => {
  const graded = oneExerciseGrader({
    id: 'save',
    signature: SIGNATURE,
    checks: CHECKS,
    solution: '  await redis.set(key, value);',
    run: "{ call: save, args: [$redis, answer, '42'] }",
  });

  async function grade(body: string, file?: string): Promise<GradeResult> {
    const source = learnerModule(SIGNATURE, body);
    const result = await graded.grader.grade('save', source, file === undefined ? {} : { file });
    assertValidResult(result);
    return result;
  }

  it('fails when the call returns before its command is answered, naming it and its line', async () => {
    const [judged, allowed] = (await grade('  redis.set(key, value);', 'ada/save.ts')).checks;
    expect(judged).toMatchObject({
      status: 'fail',
      reason: 'unawaited',
      message:
        '`save` returned before its `SET` was answered: is an `await` missing? (ada/save.ts:4:9)',
      location: { file: 'ada/save.ts', line: 4, column: 9 },
    });
    expect(allowed?.status).toBe('pass');
  });

  it('fails forEach(async …), whose commands are still out when the call returns', async () => {
    const [judged] = (
      await grade(`  [key].forEach(async (name) => {
    await redis.set(name, value);
    await redis.expire(name, 60);
  });`)
    ).checks;
    expect(judged).toMatchObject({ status: 'fail', reason: 'unawaited' });
    expect(judged?.message).toMatch(/^`save` returned before its `SET` was answered/);
  });

  it('fails a transaction whose exec() is not awaited', async () => {
    const [judged] = (await grade('  redis.multi().set(key, value).exec();')).checks;
    expect(judged).toMatchObject({ status: 'fail', reason: 'unawaited' });
    expect(judged?.message).toMatch(/^`save` returned before its `MULTI\/EXEC` was answered/);
  });

  it('fails a command sent after the call returned, from a timer', async () => {
    const [judged] = (await grade('  setTimeout(() => void redis.set(key, value), 0);')).checks;
    expect(judged).toMatchObject({
      status: 'fail',
      reason: 'unawaited',
      message: '`save` returned before it sent its `SET`: is an `await` missing?',
    });
  });

  it('passes a call that returns its command’s promise instead of awaiting it', async () => {
    const result = await grade('  return redis.set(key, value).then(() => undefined);');
    expect(result.checks.map((check) => check.status)).toEqual(['pass', 'pass']);
  });

  it('passes a call that does not await QUIT, whose reply means nothing to it', async () => {
    const result = await grade(`  const own = new (redis.constructor as typeof Redis)();
  await own.set(key, value);
  own.quit();`);
    expect(result.checks.map(({ status, message }) => ({ status, message }))).toEqual([
      { status: 'pass', message: undefined },
      { status: 'pass', message: undefined },
    ]);
  });

  it('still fails the call when its code replaced Promise.prototype.then to settle replies early', async () => {
    const [judged] = (
      await grade(`  await redis.get(key);
  const real = Promise.prototype.then;
  Promise.prototype.then = function (this: Promise<unknown>, done?: any, failed?: any) {
    if (!done?.name && !failed?.name) done?.(undefined);
    return real.call(this, done, failed);
  } as typeof real;
  redis.set(key, value);
  await null;
  await null;
  await null;
  Promise.prototype.then = real;`)
    ).checks;
    expect(judged).toMatchObject({ status: 'fail', reason: 'unawaited' });
  });

  it('still fails the call when its code tries to start a call of its own that never ends', async () => {
    const [judged] = (
      await grade(`  const runtime = (globalThis as any).__keyspaceRuntime;
  runtime?.invoke({ hang: () => new Promise(() => {}) }, 'hang', []);
  redis.set(key, value);`)
    ).checks;
    expect(judged).toMatchObject({ status: 'fail', reason: 'unawaited' });
  });

  it('still fails the call, as the learner’s, when its code replaced Array and Map methods', async () => {
    const [judged] = (
      await grade(`  Array.prototype.map = () => 'forged';
  Array.prototype.filter = () => 'forged';
  Object.defineProperty(Array.prototype, '0', { set() {}, configurable: true });
  redis.set(key, value);`)
    ).checks;
    expect(judged).toMatchObject({ status: 'fail', reason: 'unawaited' });
  });

  /** `save`, which subscribes a connection of its own without awaiting it, then `listener`. */
  const subscribing = (listener: string) =>
    graded.grader.grade(
      'save',
      `import Redis from 'ioredis';

${SIGNATURE} {
  await redis.set(key, value);
  const listener = new Redis();
  listener.subscribe('news').catch(() => {});
${listener}
}
`,
    );

  it('does not count a subscription on a connection the call closed: it ends with the connection', async () => {
    const result = await subscribing('  listener.disconnect();');
    assertValidResult(result);
    expect(result.checks.map(({ status }) => status)).toEqual(['pass', 'pass']);
  });

  it('counts a subscription on a connection the call leaves open', async () => {
    const result = await subscribing('');
    assertValidResult(result);
    expect(result.checks[0]).toMatchObject({ status: 'fail', reason: 'unawaited' });
    expect(result.checks[0]?.message).toMatch(
      /^`save` returned before its `SUBSCRIBE` was answered/,
    );
  });
});

// Two checks of one grading: the first leaves a command whose reply never comes back to it (its
// check ends first, and closes its gate); the second calls code that leaves a SET unawaited and
// then awaits another on the same client, which Redis answers after the first: nothing of the
// call is unanswered when it returns.
const LEFT_BEHIND_CHECKS = `
export default [
  {
    name: 'a call that leaves a blocking command behind',
    async run({ call, sandboxClient }) {
      await call('save', sandboxClient, 'slow', 'x');
    },
  },
  {
    name: 'later calls that await their last command',
    async run({ call, sandboxClient, redis, expect }) {
      for (let n = 0; n < 25; n++) {
        await call('save', sandboxClient, \`answer:\${n}\`, '42');
        expect.equal(await redis.hget(\`answer:\${n}\`, 'value'), '42', \`HGET answer:\${n} value\`);
      }
    },
  },
];
`;

describe('a command an earlier check left unanswered', () => {
  const graded = oneExerciseGrader({
    id: 'save',
    signature: SIGNATURE,
    checks: LEFT_BEHIND_CHECKS,
    solution: '  await redis.set(key, value);',
    run: "{ call: save, args: [$redis, answer, '42'] }",
  });

  it('lets a client whose reply an earlier check left behind go on in later checks', async () => {
    const result = await graded.grader.grade(
      'save',
      `import Redis from 'ioredis';

const mine = new Redis();

${SIGNATURE} {
  if (key === 'slow') {
    mine.blpop('nothing', 1);
    return;
  }
  await mine.hset(key, { value });
}
`,
    );
    assertValidResult(result);
    expect(result.checks.map(({ status }) => status)).toEqual(['fail', 'pass']);
  });

  it('is blamed on the call that sent it, never on a later call; a command answered before one awaited is no missing await', async () => {
    const source = learnerModule(
      SIGNATURE,
      `  if (key === 'slow') {
    redis.blpop('nothing', 1);
    return;
  }
  await new Promise((resolve) => setTimeout(resolve, 0));
  redis.set(\`\${key}:before\`, Buffer.from(value));
  await redis.hset(key, { value });`,
    );
    const result = await graded.grader.grade('save', source);
    assertValidResult(result);
    const [leaving, later] = result.checks;
    expect(leaving).toMatchObject({ status: 'fail', reason: 'unawaited' });
    expect(leaving?.message).toMatch(/^`save` returned before its `BLPOP` was answered/);
    expect(later).toMatchObject({ status: 'pass' });
  });
});
