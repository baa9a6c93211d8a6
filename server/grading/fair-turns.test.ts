import { describe, expect, it } from 'vitest';
import { HttpError } from '../http-errors.ts';
import type { Asker } from '../identity/client-address.ts';
import { FairTurns } from './fair-turns.ts';

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
  const ran = turns.run(who(learner, address), first.work, (hit) => hit);
  await settle();
  first.finish(limited);
  await ran;
}

/** Whether a run of `learner`'s, ended at once with no limit hit, was told to run at low priority. */
async function lowPriorityOf(turns: FairTurns, learner: string, address: string) {
  let low: boolean | undefined;
  await turns.run(
    who(learner, address),
    async (lowPriority) => {
      low = lowPriority;
      return false;
    },
    () => false,
  );
  return low;
}

const turnsOf = (slots: number, maxWaitMs = 10_000) =>
  new FairTurns({
    slots,
    lowPrioritySlots: 1,
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
      turns.run(who(name, address), jobs[name]?.work ?? (async () => false), (limited) => limited);
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
      turns.run(who(learner, address), jobs[name]?.work ?? (async () => false), () => false);
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
      turns.run(who('ada', 'A'), one.work, () => false),
      turns.run(who('ada', 'A'), two.work, () => false),
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
      turns.run(who('spinner', 'X'), again.work, (limited) => limited),
      turns.run(who('fresh-cookie', 'X'), fresh.work, (limited) => limited),
    ];
    await settle();
    expect(log.slice(1)).toEqual(['again']);
    // Both workers are free of it: the honest learner and a newcomer do not wait.
    runs.push(turns.run(who('honest', 'Y'), honest.work, (limited) => limited));
    runs.push(turns.run(who('newcomer', 'Z'), newcomer.work, (limited) => limited));
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
    const runs = [turns.run(who('first', 'A'), first.work, (hit) => hit)];
    await settle();
    runs.push(turns.run(who('second', 'B'), second.work, (hit) => hit));
    await settle();
    // The other worker stays for a learner known to behave; the second newcomer waits its turn.
    expect(log.slice(1)).toEqual(['first']);
    runs.push(turns.run(who('known', 'K'), known.work, (hit) => hit));
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
    const running = turns.run(who('ada', 'A'), busy.work, () => false);
    const [waits, alsoWaits] = [
      turns.run(
        who('bo', 'B'),
        async () => false,
        () => false,
      ),
      turns.run(
        who('bo', 'B'),
        async () => false,
        () => false,
      ),
    ];
    const third = turns.run(
      who('bo', 'B'),
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
});
