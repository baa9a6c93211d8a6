import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type Redis from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CheckResult, GradeResult, Status } from '../../contracts/index.ts';
import { AppState } from '../state/app-state.ts';
import { keys } from './keys.ts';
import { ProgressStore } from './progress-store.ts';

const EXERCISE = 'stats-exercise';
const CHECKS = ['stores the key', 'reads it back', 'returns the value'];

/** A result in which the checks named in `failing` fail and the others pass. */
function result(failing: string[], status?: Status): GradeResult {
  const checks: CheckResult[] = CHECKS.map((name) => ({
    name,
    status: failing.includes(name) ? 'fail' : 'pass',
    durationMs: 1,
  }));
  return {
    version: 2,
    exercise: EXERCISE,
    status: status ?? (failing.length > 0 ? 'fail' : 'pass'),
    durationMs: 5,
    checks: status === 'error' ? [] : checks,
    usage: { commands: 1, redisMemoryBytes: 1, cpuMs: 1 },
  };
}
const PASS = result([]);

describe('record-submission.lua, with the instructor stats', () => {
  let dataDir: string;
  let state: AppState;
  let store: ProgressStore;
  let redis: Redis;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'keyspace-record-submission-'));
    state = await AppState.open({ dataDir, log: pino({ level: 'silent' }) });
    store = new ProgressStore(state);
    redis = state.redis;
  });
  afterAll(async () => {
    await state?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const stats = async () => ({
    totals: await redis.hgetall(keys.exerciseStats(EXERCISE)),
    attemptsToPass: await redis.hgetall(keys.attemptsToPass(EXERCISE)),
    failingChecks: await redis.zrange(keys.failingChecks(EXERCISE), 0, '-1', 'WITHSCORES'),
  });

  it("writes the submission, the learner's progress and the stats in one script", async () => {
    const monitor = await redis.monitor();
    const seen: { command: string; source: string }[] = [];
    monitor.on('monitor', (_time: string, args: string[], source: string) => {
      seen.push({ command: String(args[0]).toLowerCase(), source });
    });
    await store.recordSubmission('ada', 'code', result(['reads it back']));
    await redis.echo('recorded');
    await expect.poll(() => seen.some(({ command }) => command === 'echo')).toBe(true);
    monitor.disconnect();

    const fromClient = seen.filter(({ source }) => source !== 'lua').map(({ command }) => command);
    expect(fromClient).toEqual(['eval', 'echo']);
    const fromScript = new Set(
      seen.filter(({ source }) => source === 'lua').map(({ command }) => command),
    );
    expect([...fromScript]).toEqual(expect.arrayContaining(['hset', 'hincrby', 'zincrby']));
    expect(await redis.hget(keys.exercise('ada', EXERCISE), 'attempts')).toBe('1');
    expect(await stats()).toEqual({
      totals: { submissions: '1', attempted: '1' },
      attemptsToPass: {},
      failingChecks: ['reads it back', '1'],
    });
    expect(await redis.smembers(keys.statsExercises)).toEqual([EXERCISE]);
  });

  it('counts each learner once, their first pass once, and the submissions that pass took', async () => {
    const [bob, cy, dee] = ['bob', 'cy', 'dee'];
    await redis.del(keys.exerciseStats(EXERCISE), keys.failingChecks(EXERCISE));
    for (const graded of [
      result(['stores the key', 'reads it back']),
      result(['reads it back']),
      PASS,
      result(['returns the value']),
      PASS,
    ]) {
      await store.recordSubmission(bob, 'code', graded);
    }
    await store.recordSubmission(cy, 'code', PASS);
    // Code that does not compile: no check ran, so no check is to blame.
    await store.recordSubmission(dee, 'code', result([], 'error'));

    expect(await stats()).toEqual({
      totals: { submissions: '7', attempted: '3', passed: '2' },
      attemptsToPass: { '1': '1', '3': '1' },
      failingChecks: ['returns the value', '1', 'stores the key', '1', 'reads it back', '2'],
    });
  });

  it('does not blame the checks that never ran after the sandbox was lost', async () => {
    const score = async (check: string) =>
      Number(await redis.zscore(keys.failingChecks(EXERCISE), check));
    const before = await Promise.all(CHECKS.map(score));
    const lost = result(['stores the key'], 'error');
    lost.checks = result(['stores the key']).checks.map((check, index) =>
      index === 0
        ? check
        : { ...check, status: 'error', reason: 'not-run', message: 'not run: the sandbox stopped' },
    );
    await store.recordSubmission('eve', 'code', lost);
    expect(await Promise.all(CHECKS.map(score))).toEqual([
      (before[0] ?? 0) + 1,
      before[1],
      before[2],
    ]);
  });

  it('keeps check names as data, whatever they hold', async () => {
    const hostile = ["'); redis.call('FLUSHALL') --", '=HYPERLINK("http://x")'];
    const graded = { ...PASS, status: 'fail' as const };
    graded.checks = hostile.map((name) => ({ name, status: 'error', durationMs: 1 }));
    await store.recordSubmission('eve', 'code', graded);
    for (const name of hostile) {
      expect(await redis.zscore(keys.failingChecks(EXERCISE), name)).toBe('1');
    }
    expect(await redis.exists(keys.exercise('ada', EXERCISE))).toBe(1);
  });

  it('leaves out of the learner counts a learner whose submissions began before the stats', async () => {
    await redis.hset(keys.exercise('old-timer', EXERCISE), 'attempts', 2, 'status', 'failing');
    const before = await stats();
    await store.recordSubmission('old-timer', 'code', PASS);
    const after = await stats();
    expect(Number(after.totals.submissions)).toBe(Number(before.totals.submissions) + 1);
    expect(after.totals.attempted).toBe(before.totals.attempted);
    expect(after.totals.passed).toBe(before.totals.passed);
    expect(after.attemptsToPass).toEqual(before.attemptsToPass);
  });

  it('records a queued grading once however often it is delivered, and keeps its result a day', async () => {
    const before = await stats();
    const graded = result(['reads it back']);
    const first = await store.recordSubmission('queued-ada', 'code', graded, 'grading-1');
    const again = await store.recordSubmission('queued-ada', 'code', graded, 'grading-1');
    expect(first.first).toBe(true);
    // Delivered again, it answers the progress as recorded, the code left out of it.
    expect(first.progress).toMatchObject({ status: 'failing', attempts: 1, failures: 1 });
    expect(again).toEqual({ id: first.id, first: false, progress: first.progress });
    expect(await store.exercise('queued-ada', EXERCISE)).toEqual(first.progress);
    expect(await store.history('queued-ada', EXERCISE)).toHaveLength(1);
    const after = await stats();
    expect(Number(after.totals.submissions)).toBe(Number(before.totals.submissions) + 1);
    expect(await redis.zscore(keys.failingChecks(EXERCISE), 'reads it back')).toBe(
      String(Number(before.failingChecks[before.failingChecks.indexOf('reads it back') + 1]) + 1),
    );
    expect(await store.recordedGrading('grading-1')).toEqual({
      learner: 'queued-ada',
      result: graded,
    });
    expect(await redis.ttl(keys.grading('grading-1'))).toBeGreaterThan(86_000);
    expect(await store.recordedGrading('grading-2')).toBeUndefined();
  });
});
