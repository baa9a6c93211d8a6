import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Grader } from './grader.ts';
import type { GradeResult } from './result/grade-result.ts';
import { assertValidResult } from './test/result-schema.ts';

// Golden fixtures: test/fixtures/<exercise>/<outcome>/<case>.ts with <case>.json beside it,
// holding the result without its timings and usage. UPDATE_GOLDEN=1 rewrites them; review the diff.
// They are graded by test/golden-course/, a copy of the course's exercises as they were when the
// fixtures were written, so that the engine's tests do not change with the course's checks.
const FIXTURES = new URL('./test/fixtures/', import.meta.url).pathname;
const GOLDEN_COURSE = new URL('./test/golden-course/', import.meta.url).pathname;

const cases = readdirSync(FIXTURES).flatMap((exercise) =>
  readdirSync(join(FIXTURES, exercise)).flatMap((outcome) =>
    readdirSync(join(FIXTURES, exercise, outcome))
      .filter((file) => file.endsWith('.ts'))
      .map((file) => ({ exercise, outcome, file, path: join(FIXTURES, exercise, outcome, file) })),
  ),
);

/** Without timings, and without what the code sent to Redis: redis-activity.test.ts holds that. */
function withoutTimings({ durationMs: _, usage: __, ...result }: GradeResult) {
  return {
    ...result,
    checks: result.checks.map(({ durationMs: ___, redis: ____, ...check }) => check),
  };
}

/**
 * Fixtures whose code meets two limits at once, the first met as the machine is fast or slow:
 * a million commands queued in one pipeline fill the memory ceiling or run out the wall time (a
 * fresh-clone run met the time limit, most meet memory); a million nested objects, built and
 * returned, overflow the stack as they are copied out, or on a loaded machine run out the wall
 * time while being built (a fresh-clone run did). Either verdict is right; they are compared as
 * one.
 */
const RACING_LIMITS = new Set(['hostile-million-pipeline.ts', 'hostile-deeply-nested-return.ts']);
const RACING_LIMIT_MESSAGE =
  /^(\w+\(\)) (used more than \d+ MB of memory \(memory limit\)|did not finish within \d+ ms \(wall time limit\)|returned a value that cannot leave the sandbox \(Maximum call stack size exceeded\): .*)$/;

function eitherLimit(result: ReturnType<typeof withoutTimings>) {
  return {
    ...result,
    checks: result.checks.map((check) => {
      const met = RACING_LIMIT_MESSAGE.exec(check.message ?? '');
      return met
        ? { ...check, reason: 'limit', message: `${met[1]} met one of its limits` }
        : check;
    }),
  };
}

describe('the grader, on golden fixtures', () => {
  let grader: Grader;
  beforeAll(async () => {
    // The default limits: under them a fixture's verdict does not depend on the machine's speed.
    grader = await Grader.start({ courseDir: GOLDEN_COURSE, concurrency: 2 });
  });
  afterAll(async () => {
    await grader.stop();
    expect(existsSync('/tmp/keyspace-pwned')).toBe(false);
  });

  it.concurrent.each(cases)(
    '$exercise/$outcome/$file',
    async ({ exercise, outcome, file, path }) => {
      const result = await grader.grade(exercise, readFileSync(path, 'utf8'));
      assertValidResult(result);
      expect(result.status).toBe(outcome);
      const golden = path.replace(/\.ts$/, '.json');
      if (process.env.UPDATE_GOLDEN) {
        writeFileSync(golden, `${JSON.stringify(withoutTimings(result), null, 2)}\n`);
      }
      const expected = JSON.parse(readFileSync(golden, 'utf8'));
      if (RACING_LIMITS.has(file)) {
        expect(eitherLimit(withoutTimings(result))).toEqual(eitherLimit(expected));
      } else {
        expect(withoutTimings(result)).toEqual(expected);
      }
    },
  );

  it('counts the commands the learner sent and the CPU its code used', async () => {
    const result = await grader.grade(
      'set-and-get',
      readFileSync(new URL('../exercises/set-and-get/solution.ts', import.meta.url), 'utf8'),
    );
    expect(result.usage.commands).toBe(8);
    expect(result.usage.cpuMs).toBeGreaterThan(0);
    expect(result.usage.redisMemoryBytes).toBeGreaterThan(0);
  });

  it('ends a grading short only where verify asks: after a named check, or at the first that does not pass', async () => {
    // Passes the first check, fails the second, passes the last two.
    const cloudy = `export async function main(redis) {
  await redis.set('weather', 'cloudy');
  return redis.get('weather');
}`;
    const names = async (options: Parameters<Grader['grade']>[2]) =>
      (await grader.grade('set-and-get', cloudy, options)).checks.map(
        ({ name, status }) => `${status}: ${name}`,
      );
    const every = await names({});
    expect(every).toEqual([
      'pass: the key weather exists and holds a string',
      'fail: weather holds the value sunny',
      'pass: main returns the value Redis holds under weather',
      'pass: main reads the value back with GET',
    ]);
    expect(await names({ stop: { atFailure: true } })).toEqual(every.slice(0, 2));
    expect(
      await names({ stop: { afterCheck: 'main returns the value Redis holds under weather' } }),
    ).toEqual(every.slice(0, 3));
    expect(await names({ stop: { afterCheck: 'no such check' } })).toEqual(every);
  });

  it("places an error Redis answered at the line and column that sent the command, and shows the learner no stack of the worker's", async () => {
    const learnerFile = (line5: string) =>
      [
        "import type Redis from 'ioredis';",
        '',
        'export async function main(redis: Redis) {',
        "  await redis.set('weather', 'sunny');",
        line5,
        "  return redis.get('weather');",
        '}',
      ].join('\n');
    const thrown = await grader.grade(
      'set-and-get',
      learnerFile("  await redis.hget('weather', 'today');"),
      { file: 'ada/main.ts' },
    );
    expect(thrown.checks[0]).toMatchObject({
      reason: 'learner-error',
      message:
        'main() threw: WRONGTYPE Operation against a key holding the wrong kind of value (ada/main.ts:5:15)',
      location: { file: 'ada/main.ts', line: 5, column: 15 },
    });
    const caught = await grader.grade(
      'set-and-get',
      learnerFile(
        "  await redis.hget('weather', 'today').catch((error) => console.log(error.stack));",
      ),
      { file: 'ada/main.ts' },
    );
    const printed = caught.checks[0]?.output ?? '';
    expect(printed).toMatch(/^ReplyError: WRONGTYPE .*\n {4}at .*\(ada\/main\.ts:\d+:\d+\)/);
    expect(printed).not.toMatch(/node_modules|keyspace-runtime|\/work\//);
  });

  it("shows the learner no stack of the worker's in what a synchronous call into it threw", async () => {
    const read = await grader.grade(
      'set-and-get',
      [
        "import { readFileSync } from 'node:fs';",
        '',
        'export async function main() {',
        "  try { readFileSync('fixtures/forecast.json'); } catch (error) { console.log(error.stack); }",
        '  return null;',
        '}',
      ].join('\n'),
      { file: 'ada/main.ts' },
    );
    const printed = read.checks[0]?.output ?? '';
    expect(printed).toMatch(/^Error: ENOENT: no such fixture .*\n {4}at .*\(ada\/main\.ts:4:\d+\)/);
    expect(printed).not.toMatch(/grader\/runner|node_modules|keyspace-runtime/);
  });

  it('keeps grading after hostile code, in the same workers and sandboxes', async () => {
    const hung = await grader.grade(
      'set-and-get',
      'export const main = () => new Promise(() => {});',
    );
    expect(hung.status).toBe('error');
    const next = await grader.grade(
      'set-and-get',
      "export async function main(r) { await r.set('weather', 'sunny'); return r.get('weather'); }",
    );
    expect(next.status).toBe('pass');
  });

  it('stops a busy timer left behind by a check, and still reports every check', async () => {
    const started = performance.now();
    const result = await grader.grade(
      'set-and-get',
      'export async function main() { setTimeout(() => { for (;;) {} }, 0); return null; }',
    );
    assertValidResult(result);
    expect(result.checks).toHaveLength(4);
    expect(result.status).not.toBe('pass');
    // Each check may wait once for the wall-time limit; none waits for the run's backstop.
    expect(performance.now() - started).toBeLessThan(4 * 2_000 + 5_000);
  });

  it('replaces a sandbox shut down for a wedged script, and grades the next run in a new one', async () => {
    const wedged = await grader.grade(
      'set-and-get',
      "export async function main(r) { await r.eval(\"redis.call('SET','weather','sunny') while true do end\", 0); }",
    );
    expect(wedged.checks.at(-1)?.message).toMatch(/sandbox Redis was shut down \(script limit\)/);
    const results = await Promise.all(
      [1, 2, 3].map(() =>
        grader.grade(
          'set-and-get',
          "export async function main(r) { await r.set('weather', 'sunny'); return r.get('weather'); }",
        ),
      ),
    );
    expect(results.map((result) => result.status)).toEqual(['pass', 'pass', 'pass']);
  });

  it('keeps runs apart: concurrent runs see only their own keys, and nothing survives a run', async () => {
    const spy = (name: string) => `
      export async function main(r) {
        const before = await r.keys('*');
        await r.set('secret:${name}', '${name}');
        await new Promise((resolve) => setTimeout(resolve, 50));
        console.log(JSON.stringify({ before, after: (await r.keys('*')).sort() }));
        return null;
      }`;
    const runs = await Promise.all([
      grader.grade('set-and-get', spy('a')),
      grader.grade('set-and-get', spy('b')),
    ]);
    const later = await grader.grade('set-and-get', spy('c'));
    for (const [result, name] of [
      ...runs.map((run, i) => [run, 'ab'[i]] as const),
      [later, 'c'] as const,
    ]) {
      for (const check of result.checks) {
        expect(JSON.parse(check.output ?? '{}')).toEqual({ before: [], after: [`secret:${name}`] });
      }
    }
  });

  it('lets no work left by one check (a timer, an awaited reply) act in a later check', async () => {
    const leaky = `
      let checks = 0;
      export async function main(r) {
        checks += 1;
        const seen = (await r.keys('*')).sort();
        setTimeout(() => r.set('late:timer', String(checks)), 30);
        r.blpop('nothing', 0.03).then(() => r.set('late:reply', String(checks)));
        console.log(JSON.stringify(seen));
        return checks;
      }`;
    const result = await grader.grade('set-and-get', leaky);
    expect(result.checks).toHaveLength(4);
    for (const check of result.checks) expect(check.output).toBe('[]\n');
  });

  it('gives work left by one check nothing to catch and retry until a later check lends its own', async () => {
    const retrying = `
      let checks = 0;
      export async function main(r) {
        checks += 1;
        const seen = (await r.keys('*')).sort();
        (async () => {
          for (let n = 0; ; n++) {
            try {
              await r.set('late:retry:' + checks, String(n));
            } catch {}
          }
        })();
        console.log(JSON.stringify(seen));
        return checks;
      }`;
    const result = await grader.grade('set-and-get', retrying);
    expect(result.checks).toHaveLength(4);
    for (const check of result.checks) expect(check.output).toBe('[]\n');
  });

  it('hands the next check and run a fresh connection: database 0, no transaction, not subscribed', async () => {
    const messy = `
      export async function main(r) {
        await r.select(3);
        await r.call('MULTI');
        await r.call('SET', 'weather', 'queued, never run');
        const subscriber = new (r.constructor)();
        await subscriber.subscribe('news');
        return null;
      }`;
    await Promise.all([grader.grade('set-and-get', messy), grader.grade('set-and-get', messy)]);
    const solution = readFileSync(
      new URL('../exercises/set-and-get/solution.ts', import.meta.url),
      'utf8',
    );
    const results = await Promise.all(
      [1, 2, 3, 4].map(() => grader.grade('set-and-get', solution)),
    );
    expect(results.map((result) => result.status)).toEqual(['pass', 'pass', 'pass', 'pass']);
  });
});
