import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Grader } from '../../grader.ts';
import type { CheckResult, GradeResult } from '../../result/grade-result.ts';
import { assertValidResult } from '../../test/result-schema.ts';

// Races through the real path: checks.ts files of a small course of the race's own call
// ctx.race, and the Grader grades learner files against them in its worker processes, on a
// redis-server sandbox.
const COURSE = new URL('./test-course/', import.meta.url).pathname;
const source = (path: string) => readFileSync(new URL(path, import.meta.url), 'utf8');
const course = (exercise: string, file: string) =>
  source(`./test-course/exercises/${exercise}/${file}`);

function check(result: GradeResult, name: string): CheckResult {
  const found = result.checks.find((candidate) => candidate.name === name);
  if (!found) throw new Error(`no check named ${name} in ${JSON.stringify(result)}`);
  return found;
}

/** The commands of the interleaving table in a message, by call: `#1 GET`, `#2 SET`. */
function tableSteps(message = ''): string[] {
  return message
    .split('\n')
    .flatMap((line) => /^\s+\d+ {2}(#\d) .+? {2}([A-Z]+) /.exec(line)?.slice(1, 3).join(' ') ?? []);
}

describe('races: calls run at the same time, their commands interleaved by the engine', () => {
  let grader: Grader;
  const grade = async (exercise: string, text: string, seed?: number) => {
    const result = await grader.grade(exercise, text, seed === undefined ? {} : { seed });
    assertValidResult(result);
    return result;
  };
  beforeAll(async () => {
    grader = await Grader.start({ courseDir: COURSE });
  });
  afterAll(() => grader.stop());

  it('fails GET then SET on every run, with a table showing the lost update', async () => {
    for (const seed of [1, 2, 3]) {
      const result = await grade('add-points', course('add-points', 'wrong/get-then-set.ts'), seed);
      const two = check(result, 'two additions at the same time lose no points');
      expect(two).toMatchObject({ status: 'fail', reason: 'race' });
      expect(two.message).toMatch(/: expected '\d+', got '\d+'\nThe calls ran at the same time/);
      expect(tableSteps(two.message)).toEqual(['#1 GET', '#2 GET', '#1 SET', '#2 SET']);
      expect(two.message).toMatch(/^#1 addPoints\(\+\d+\) returned \d+$/m);
      expect(check(result, 'three additions at the same time lose no points').reason).toBe('race');
    }
  });

  it('keeps each call’s module across interleavings: code careful on its first call only fails', async () => {
    const result = await grade(
      'add-points',
      course('add-points', 'wrong/careful-on-first-call-only.ts'),
    );
    const two = check(result, 'two additions at the same time lose no points');
    expect(two).toMatchObject({ status: 'fail', reason: 'race' });
    // Not the first interleaving, the calls one after another: each call there is its module's first.
    expect(two.message).toMatch(/\(interleaving [2-9]\d*, tried in order\)/);
    expect(tableSteps(two.message)).toEqual(['#1 GET', '#2 GET', '#1 SET', '#2 SET']);
  });

  it('passes INCRBY, having tried every interleaving', async () => {
    const result = await grade('add-points', course('add-points', 'solution.ts'));
    expect(result.status).toBe('pass');
  });

  it('passes WATCH and MULTI with the WATCH inside the retry loop, a back-off timer too', async () => {
    for (const file of ['right/watch-in-the-loop.ts', 'right/backs-off.ts']) {
      const result = await grade('add-points', course('add-points', file));
      expect({ file, status: result.status, checks: result.checks }).toMatchObject({
        file,
        status: 'pass',
      });
    }
  });

  it('fails WATCH outside the retry loop once three additions race', async () => {
    const result = await grade(
      'add-points',
      course('add-points', 'wrong/watch-outside-the-loop.ts'),
    );
    expect(check(result, 'two additions at the same time lose no points').status).toBe('pass');
    const three = check(result, 'three additions at the same time lose no points');
    expect(three).toMatchObject({ status: 'fail', reason: 'race' });
    // A retry's EXEC, unwatched, succeeds though another addition landed after its read.
    expect(three.message).toMatch(/MULTI; SET points:\w+ \d+; EXEC +\(nil\)/);
  });

  it('fails LRANGE 0 0 then LTRIM, which hands one job to both workers; LPOP and RPOP pass', async () => {
    const name = 'two workers taking at the same time each get a job of their own';
    const wrong = await grade('take-job', course('take-job', 'wrong/lrange-then-ltrim.ts'));
    expect(check(wrong, name)).toMatchObject({ status: 'fail', reason: 'race' });
    expect(tableSteps(check(wrong, name).message)).toEqual([
      '#1 LRANGE',
      '#2 LRANGE',
      '#1 LTRIM',
      '#2 LTRIM',
    ]);
    for (const file of ['solution.ts', 'right/rpop.ts']) {
      expect((await grade('take-job', course('take-job', file))).status).toBe('pass');
    }
  });

  it('fails LRANGE and LTRIM sent in one pipeline, which is no transaction; in MULTI they pass', async () => {
    const name = 'two workers taking at the same time each get a job of their own';
    const wrong = await grade(
      'take-job',
      course('take-job', 'wrong/lrange-ltrim-in-a-pipeline.ts'),
    );
    expect(check(wrong, name)).toMatchObject({ status: 'fail', reason: 'race' });
    expect(tableSteps(check(wrong, name).message)).toEqual([
      '#1 LRANGE',
      '#2 LRANGE',
      '#1 LTRIM',
      '#2 LTRIM',
    ]);
    expect(check(wrong, name).message).toMatch(/LRANGE jobs:\w+ 0 0 +\["\w+"\]/);
    const right = await grade('take-job', course('take-job', 'right/lrange-ltrim-in-multi.ts'));
    expect(right.status).toBe('pass');
  });

  it('releases a blocking command as a step, and waits for the reply another step unblocks', async () => {
    for (const file of ['solution.ts', 'right/blpop-in-a-pipeline.ts']) {
      const result = await grade('take-job', course('take-job', file));
      expect(check(result, 'a worker waiting for a job gets the one added meanwhile').status).toBe(
        'pass',
      );
    }
    const blocked = await grade(
      'take-job',
      course('take-job', 'solution.ts').replace(
        'return reply?.[1] ?? null;',
        "return (reply?.[1] ?? '') + '!';",
      ),
    );
    const message = check(
      blocked,
      'a worker waiting for a job gets the one added meanwhile',
    ).message;
    expect(message).toMatch(/1 {2}#1 waitForJob.*BLPOP jobs:\w+ 0 +blocked until step 2: \["jobs:/);
  });

  it('fails ZSCORE then ZADD; ZINCRBY passes', async () => {
    const name = 'two scores added at the same time both count';
    const wrong = await grade('add-score', course('add-score', 'wrong/zscore-then-zadd.ts'));
    expect(check(wrong, name)).toMatchObject({ status: 'fail', reason: 'race' });
    expect(tableSteps(check(wrong, name).message)).toEqual([
      '#1 ZSCORE',
      '#2 ZSCORE',
      '#1 ZADD',
      '#2 ZADD',
    ]);
    expect((await grade('add-score', course('add-score', 'solution.ts'))).status).toBe('pass');
  });

  it('gives the same verdict and the same table for the same seed', async () => {
    const name = 'three additions lose no points in one random interleaving';
    const file = course('add-points', 'wrong/get-then-set.ts');
    const first = check(await grade('add-points', file, 1), name);
    const again = check(await grade('add-points', file, 1), name);
    expect(first.message).toMatch(/chosen at random from seed \d+/);
    const { durationMs: _, ...verdict } = first;
    expect(again).toEqual({ ...verdict, durationMs: again.durationMs });
  });

  it('fails a solution wrong without any race as any check would, naming the order run', async () => {
    const result = await grade('add-points', course('add-points', 'wrong/adds-twice.ts'));
    expect(check(result, 'two additions at the same time lose no points')).toMatchObject({
      status: 'fail',
      reason: 'assertion',
      message: expect.stringMatching(
        /got '\d+' \(with the calls run one after another: #1 addPoints\(\+\d+\), then #2 addPoints\(\+\d+\)\)$/,
      ),
    });
  });

  it('reports a call that hits a limit as an error, with the interleaving so far', async () => {
    const result = await grade('add-points', course('add-points', 'wrong/spins.ts'));
    const two = check(result, 'two additions at the same time lose no points');
    expect(two).toMatchObject({ status: 'error', reason: 'timeout' });
    expect(two.message).toMatch(
      /^#2 addPoints\(\+\d+\): addPoints\(\) did not finish within 800 ms \(wall time limit\)\n/,
    );
    expect(two.message).toMatch(/^#2 addPoints\(\+\d+\) threw: addPoints\(\) did not finish/m);
  });

  it('passes transfer-points’ solution, and fails its mistakes with a race', async () => {
    const transfer = (file: string) => source(`../../../exercises/transfer-points/${file}`);
    expect((await grade('transfer-race', transfer('solution.ts'))).status).toBe('pass');
    const overdraw = 'two transfers at the same time cannot overdraw the sender';
    const both = 'two transfers at the same time both succeed when there are points for both';
    const unwatched = await grade('transfer-race', transfer('wrong/multi-without-watch.ts'));
    expect(check(unwatched, overdraw)).toMatchObject({ status: 'fail', reason: 'race' });
    const noRetry = await grade('transfer-race', transfer('wrong/no-retry.ts'));
    expect(check(noRetry, overdraw).status).toBe('pass');
    expect(check(noRetry, both)).toMatchObject({ status: 'fail', reason: 'race' });
  });

  it("places the grader's interjected commands among a call's steps, and shows verify every step", async () => {
    const name = 'returns what GET answered, whenever the grader writes the key';
    expect((await grade('read-back', course('read-back', 'solution.ts'))).status).toBe('pass');
    const typed = await grade('read-back', course('read-back', 'wrong/returns-what-it-wrote.ts'));
    expect(check(typed, name)).toMatchObject({ status: 'fail', reason: 'race' });
    expect(tableSteps(check(typed, name).message)).toEqual(['#1 SET', '#2 SET', '#1 GET']);
    expect(check(typed, name).message).toMatch(/^ +2 {2}#2 grader +SET \w+ red +"OK"$/m);
  });

  it('tells the check how many interleavings it tried, and whether that was all of them', async () => {
    const result = await grade('add-points', course('add-points', 'solution.ts'));
    expect(check(result, 'the race reports how many interleavings it tried').status).toBe('pass');
  });

  it('fires a timer only once its racer waits, and never ahead of a key’s expiry or a blocked command’s timeout; a cleared one never', async () => {
    const result = await grade('timed-steps', course('timed-steps', 'solution.ts'));
    expect(result.checks.map(({ status, message }) => ({ status, message }))).toEqual(
      Array.from({ length: 6 }, () => ({ status: 'pass', message: undefined })),
    );
  });
});
