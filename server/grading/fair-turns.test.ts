import { describe, expect, it } from 'vitest';
import { HttpError } from '../http-errors.ts';
import type { Asker } from '../identity/client-address.ts';
import { FairTurns, runsKept } from './fair-turns.ts';

const who = (learner: string, address: string): Asker => ({ learner, address });

/** A job the test ends when it likes, recording when it started. */
function job(log: string[], name: string) {
  let finish: (limited: boolean) => void = () => {};
  const done = new Promise<boolean>((resolve) => {
    finish = resolve;
  });
  return {
    work: async () => {
      log.push(name);
      return done;
    },
    finish: (limited = false) => finish(limited),
  };
}

/** One run of `learner`'s, ended at once: hitting a limit or not. */
async function runOnce(
  turns: FairTurns,
  log: string[],
  learner: string,
  address: string,
  limited: boolean,
) {
  const first = job(log, learner);
  const ran = turns.run(who(learner, address), 'grading', first.work, (hit) => hit);
  await settle();
  first.finish(limited);
  await ran;
}

/** Whether a run of `learner`'s, ended at once with no limit hit, was told to run at low priority. */
async function lowPriorityOf(turns: FairTurns, learner: string, address: string) {
  let low: boolean | undefined;
  await turns.run(
    who(learner, address),
    'grading',
    async (lowPriority) => {
      low = lowPriority;
      return false;
    },
    () => false,
  );
  return low;
}

const turnsOf = (slots: number, maxWaitMs = 10_000, keptForRuns = 0) =>
  new FairTurns({
    slots,
    lowPrioritySlots: 1,
    keptForRuns,
    maxWaitMs,
    maxWaitingPerLearner: 2,
    addressPenaltyMs: 60_000,
  });
const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('fair turns at the grader', () => {
  it('gives a free worker to each address in turn, not to whoever queued most', async () => {
    const turns = turnsOf(1);
    const log: string[] = [];
    const jobs = Object.fromEntries(
      ['first', 'a1', 'a2', 'a3', 'b1'].map((name) => [name, job(log, name)]),
    );
    const run = (name: string, address: string) =>
      turns.run(
        who(name, address),
        'grading',
        jobs[name]?.work ?? (async () => false),
        (limited) => limited,
      );
    const all = [run('first', 'A'), run('a1', 'A'), run('a2', 'A'), run('a3', 'A'), run('b1', 'B')];
    for (const name of ['first', 'b1', 'a1', 'a2', 'a3']) {
      await settle();
      expect(log.at(-1)).toBe(name);
      jobs[name]?.finish();
    }
    await Promise.all(all);
  });

  it('runs the code of a learner whose last run hit a limit at low priority, and no one else', async () => {
    const turns = turnsOf(2);
    const log: string[] = [];
    expect(await lowPriorityOf(turns, 'fresh', 'A')).toBe(false);
    await runOnce(turns, log, 'spinner', 'B', true);
    expect(await lowPriorityOf(turns, 'spinner', 'B')).toBe(true);
    // Its run just now hit no limit: back at normal priority.
    expect(await lowPriorityOf(turns, 'spinner', 'B')).toBe(false);
    // A fresh cookie at the address whose code just hit a limit counts as that code.
    await runOnce(turns, log, 'spinner-2', 'C', true);
    expect(await lowPriorityOf(turns, 'another-cookie', 'C')).toBe(true);
    expect(await lowPriorityOf(turns, 'fresh', 'A')).toBe(false);
  });

  it('puts an address new to the line behind the addresses already in it', async () => {
    const turns = turnsOf(1);
    const log: string[] = [];
    const jobs = Object.fromEntries(
      ['honest', 'busy', 'again', 'newcomer'].map((name) => [name, job(log, name)]),
    );
    const run = (name: string, learner: string, address: string) =>
      turns.run(
        who(learner, address),
        'grading',
        jobs[name]?.work ?? (async () => false),
        () => false,
      );
    const first = run('honest', 'ada', 'A');
    await settle();
    jobs.honest?.finish();
    await first;
    const all = [run('busy', 'bo', 'B'), run('newcomer', 'eve', 'C'), run('again', 'ada', 'A')];
    for (const name of ['busy', 'again', 'newcomer']) {
      await settle();
      expect(log.at(-1)).toBe(name);
      jobs[name]?.finish();
    }
    await Promise.all(all);
  });

  it("runs one of a learner's requests at a time, the next once the first is done", async () => {
    const turns = turnsOf(2);
    const log: string[] = [];
    const [one, two] = [job(log, 'one'), job(log, 'two')];
    const both = [
      turns.run(who('ada', 'A'), 'grading', one.work, () => false),
      turns.run(who('ada', 'A'), 'grading', two.work, () => false),
    ];
    await settle();
    expect(log).toEqual(['one']);
    one.finish();
    await settle();
    expect(log).toEqual(['one', 'two']);
    two.finish();
    await Promise.all(both);
  });

  it('runs code that hit a limit, new cookies of its address too, one at a time in the low-priority lane, taking no worker', async () => {
    const turns = turnsOf(2);
    const log: string[] = [];
    // An honest learner whose code ran well, and one whose code spun.
    await runOnce(turns, log, 'honest', 'Y', false);
    await runOnce(turns, log, 'spinner', 'X', true);
    log.length = 0;
    log.push('spinner');
    // Back for more, with a fresh cookie too: both limited now, and the lane has one turn.
    const [again, fresh] = [job(log, 'again'), job(log, 'fresh')];
    const [honest, newcomer] = [job(log, 'honest'), job(log, 'newcomer')];
    const runs = [
      turns.run(who('spinner', 'X'), 'grading', again.work, (limited) => limited),
      turns.run(who('fresh-cookie', 'X'), 'grading', fresh.work, (limited) => limited),
    ];
    await settle();
    expect(log.slice(1)).toEqual(['again']);
    // Both workers are free of it: the honest learner and a newcomer do not wait.
    runs.push(turns.run(who('honest', 'Y'), 'grading', honest.work, (limited) => limited));
    runs.push(turns.run(who('newcomer', 'Z'), 'grading', newcomer.work, (limited) => limited));
    await settle();
    expect(log.slice(1)).toEqual(['again', 'honest', 'newcomer']);
    again.finish(true);
    await settle();
    expect(log.slice(1)).toEqual(['again', 'honest', 'newcomer', 'fresh']);
    honest.finish();
    newcomer.finish();
    fresh.finish();
    await Promise.all(runs);
  });

  it('keeps a worker for learners whose code behaves: new code may hold all workers but one', async () => {
    const turns = turnsOf(2);
    const log: string[] = [];
    await runOnce(turns, log, 'known', 'K', false);
    const [first, second, known] = [job(log, 'first'), job(log, 'second'), job(log, 'known-again')];
    const runs = [turns.run(who('first', 'A'), 'grading', first.work, (hit) => hit)];
    await settle();
    runs.push(turns.run(who('second', 'B'), 'grading', second.work, (hit) => hit));
    await settle();
    // The other worker stays for a learner known to behave; the second newcomer waits its turn.
    expect(log.slice(1)).toEqual(['first']);
    runs.push(turns.run(who('known', 'K'), 'grading', known.work, (hit) => hit));
    await settle();
    expect(log.slice(1)).toEqual(['first', 'known-again']);
    first.finish();
    await settle();
    expect(log.slice(1)).toEqual(['first', 'known-again', 'second']);
    known.finish();
    second.finish();
    await Promise.all(runs);
  });

  it("leaves a learner's standing as it was when their request is refused rather than run", async () => {
    const turns = turnsOf(2);
    const log: string[] = [];
    await runOnce(turns, log, 'spinner', 'X', true);
    // An unknown exercise, say: refused, and no sign of how the code behaves.
    await expect(
      turns.run(
        who('spinner', 'X'),
        'grading',
        async () => {
          throw new Error('no such exercise');
        },
        () => false,
      ),
    ).rejects.toThrow('no such exercise');
    // Still limited: its next run is at low priority.
    expect(await lowPriorityOf(turns, 'spinner', 'X')).toBe(true);
  });

  it('answers 503 with Retry-After to a request that waited too long, and 429 to a third waiting one', async () => {
    const turns = turnsOf(1, 50);
    const log: string[] = [];
    const busy = job(log, 'busy');
    const running = turns.run(who('ada', 'A'), 'grading', busy.work, () => false);
    const [waits, alsoWaits] = [
      turns.run(
        who('bo', 'B'),
        'grading',
        async () => false,
        () => false,
      ),
      turns.run(
        who('bo', 'B'),
        'grading',
        async () => false,
        () => false,
      ),
    ];
    const third = turns.run(
      who('bo', 'B'),
      'grading',
      async () => false,
      () => false,
    );
    await expect(third).rejects.toMatchObject({ status: 429, code: 'too_many_waiting' });
    const late = await waits.catch((error: HttpError) => error);
    expect(late).toBeInstanceOf(HttpError);
    expect(late).toMatchObject({ status: 503, code: 'graders_busy', retryAfter: 1 });
    await alsoWaits.catch(() => {});
    busy.finish();
    await running;
  });

  it('keeps workers for Runs: gradings that fill the others leave a Run to start at once', async () => {
    const turns = turnsOf(3, 10_000, 1);
    const log: string[] = [];
    const jobs = Object.fromEntries(
      ['g1', 'g2', 'g3', 'r1', 'r2', 'r3', 'r4'].map((name) => [name, job(log, name)]),
    );
    const start = (name: string, kind: 'grading' | 'run') =>
      turns.run(who(name, name), kind, jobs[name]?.work ?? (async () => false), () => false);
    // Learners whose code behaved: new ones would be held to all workers but one anyway.
    for (const name of Object.keys(jobs)) await runOnce(turns, [], name, name, false);
    const gradings = [start('g1', 'grading'), start('g2', 'grading'), start('g3', 'grading')];
    await settle();
    expect(log).toEqual(['g1', 'g2']);
    const run = start('r1', 'run');
    await settle();
    expect(log).toEqual(['g1', 'g2', 'r1']);
    // The Run's worker, free again, stays kept: the waiting grading takes a grading's.
    jobs.r1?.finish();
    await run;
    await settle();
    expect(log).toEqual(['g1', 'g2', 'r1']);
    jobs.g1?.finish();
    await settle();
    expect(log).toEqual(['g1', 'g2', 'r1', 'g3']);
    // Runs may take every worker.
    jobs.g2?.finish();
    jobs.g3?.finish();
    await Promise.all(gradings);
    const runs = [start('r2', 'run'), start('r3', 'run'), start('r4', 'run')];
    await settle();
    expect(log.slice(-3)).toEqual(['r2', 'r3', 'r4']);
    for (const name of ['r2', 'r3', 'r4']) jobs[name]?.finish();
    await Promise.all(runs);
  });

  it("keeps new code's gradings one below the gradings' share, so a behaving learner's grading finds a worker", async () => {
    const turns = turnsOf(4, 10_000, 1);
    const log: string[] = [];
    const jobs = Object.fromEntries(
      ['n1', 'n2', 'n3', 'good'].map((name) => [name, job(log, name)]),
    );
    const start = (name: string) =>
      turns.run(who(name, name), 'grading', jobs[name]?.work ?? (async () => false), () => false);
    await runOnce(turns, [], 'good', 'good', false);
    // Three gradings fit the share (four workers, one kept); new code gets two of them.
    const newOnes = [start('n1'), start('n2'), start('n3')];
    await settle();
    expect(log).toEqual(['n1', 'n2']);
    const good = start('good');
    await settle();
    expect(log).toEqual(['n1', 'n2', 'good']);
    for (const name of ['n1', 'n2', 'n3', 'good']) jobs[name]?.finish();
    await Promise.all([...newOnes, good]);
  });

  it('gives a grading that failed its worker back, to gradings and Runs alike', async () => {
    const turns = turnsOf(2, 10_000, 1);
    const failing = turns.run(
      who('ada', 'A'),
      'grading',
      async () => {
        throw new Error('the worker was lost');
      },
      () => false,
    );
    await expect(failing).rejects.toThrow('the worker was lost');
    // Were the failed grading still counted, the share (one worker) would be full for good.
    const log: string[] = [];
    await runOnce(turns, log, 'bo', 'B', false);
    expect(log).toEqual(['bo']);
  });

  it('refuses to keep every worker for Runs: gradings would only ever wait', () => {
    const options = {
      lowPrioritySlots: 1,
      maxWaitMs: 10_000,
      maxWaitingPerLearner: 2,
      addressPenaltyMs: 60_000,
    };
    expect(() => new FairTurns({ ...options, slots: 2, keptForRuns: 2 })).toThrow(RangeError);
    expect(() => new FairTurns({ ...options, slots: 2, keptForRuns: -1 })).toThrow(RangeError);
    expect(() => new FairTurns({ ...options, slots: 2, keptForRuns: 1 })).not.toThrow();
  });

  it('keeps a quarter of the workers for Runs, at least one, none of a single worker', () => {
    expect([1, 2, 4, 8, 12].map(runsKept)).toEqual([0, 1, 1, 2, 3]);
  });

  it('tells of each turn given, its kind and how long its request waited', async () => {
    const told: [string, number][] = [];
    const turns = new FairTurns({
      slots: 1,
      lowPrioritySlots: 1,
      keptForRuns: 0,
      maxWaitMs: 10_000,
      maxWaitingPerLearner: 2,
      addressPenaltyMs: 60_000,
      onTurn: (kind, waitedMs) => told.push([kind, waitedMs]),
    });
    const log: string[] = [];
    const first = job(log, 'ada');
    const running = turns.run(who('ada', 'A'), 'grading', first.work, () => false);
    const waiting = turns.run(
      who('bo', 'B'),
      'run',
      async () => false,
      () => false,
    );
    await new Promise((resolve) => setTimeout(resolve, 60));
    first.finish();
    await Promise.all([running, waiting]);
    expect(told.map(([kind]) => kind)).toEqual(['grading', 'run']);
    expect(told[0]?.[1]).toBeLessThan(50);
    expect(told[1]?.[1]).toBeGreaterThanOrEqual(55);
  });
});
