import type Redis from 'ioredis';
import { describe, expect, it } from 'vitest';
import type { Ready, Schedule } from './exploration.ts';
import { RaceScheduler } from './race-scheduler.ts';

// The scheduler alone, with racers written in plain code on this thread: they send their
// "commands" through `hold` to a Map, as the bridge would to Redis. Isolates and redis-server
// are race.test.ts's; none of these racers blocks, so the grader's client is never asked.

const NO_REDIS = {} as Redis;

/** Picks by a rule of its own at each step. */
function scheduleOf(pick: (ready: readonly Ready[]) => number | undefined): Schedule {
  return { origin: 'systematic', pick };
}

function schedulerFor(racers: number, schedule: Schedule) {
  return new RaceScheduler({
    racers,
    schedule,
    trusted: NO_REDIS,
    expiries: async () => [],
    // Racers on this thread: once its own promise reactions have run, a racer waits.
    settled: async () => {},
    deadline: performance.now() + 10_000,
  });
}

/** A racer's GET then SET of one counter, each a command held until its turn. */
async function increment(scheduler: RaceScheduler, racer: number, store: Map<string, number>) {
  const count = await scheduler.hold(racer, [{ name: 'get', args: ['n'] }], async () =>
    store.get('n'),
  );
  await scheduler.hold(racer, [{ name: 'set', args: ['n', String((count ?? 0) + 1)] }], async () =>
    store.set('n', (count ?? 0) + 1),
  );
}

function start(scheduler: RaceScheduler, racers: ((racer: number) => Promise<unknown>)[]) {
  for (const [index, racer] of racers.entries()) {
    void racer(index).finally(() => scheduler.finished(index));
  }
}

describe('the race scheduler', () => {
  it('releases each held command only at its racer’s turn, in the order the schedule picks', async () => {
    const store = new Map<string, number>();
    // Always the racer that stepped least: the two increments alternate.
    const turns = [0, 0];
    const scheduler = schedulerFor(
      2,
      scheduleOf((ready) => {
        const racer = [...ready].sort((a, b) => (turns[a.racer] ?? 0) - (turns[b.racer] ?? 0))[0]
          ?.racer as number;
        turns[racer] = (turns[racer] ?? 0) + 1;
        return racer;
      }),
    );
    start(scheduler, [
      (racer) => increment(scheduler, racer, store),
      (racer) => increment(scheduler, racer, store),
    ]);
    expect(await scheduler.run()).toBe(true);
    expect(scheduler.steps.map(({ racer, commands }) => [racer, commands?.[0]?.name])).toEqual([
      [0, 'get'],
      [1, 'get'],
      [0, 'set'],
      [1, 'set'],
    ]);
    expect(store.get('n')).toBe(1);
    expect(scheduler.steps[1]?.reply).toEqual({ value: undefined });
  });

  it('tells the schedule which steps only read', async () => {
    const seen: Ready[][] = [];
    const scheduler = schedulerFor(
      2,
      scheduleOf((ready) => {
        seen.push([...ready]);
        return ready[0]?.racer;
      }),
    );
    const store = new Map<string, number>();
    start(scheduler, [
      (racer) => increment(scheduler, racer, store),
      (racer) => increment(scheduler, racer, store),
    ]);
    await scheduler.run();
    expect(seen[0]).toEqual([
      { racer: 0, effect: 'read' },
      { racer: 1, effect: 'read' },
    ]);
    expect(seen[1]).toEqual([
      { racer: 0, effect: 'write' },
      { racer: 1, effect: 'read' },
    ]);
  });

  it('fires timers in virtual time, soonest first, as steps of their own', async () => {
    const started = performance.now();
    const fired: number[] = [];
    const scheduler = schedulerFor(
      1,
      scheduleOf((ready) => ready[0]?.racer),
    );
    start(scheduler, [
      (racer) =>
        Promise.all([
          scheduler.sleep(racer, 60_000, 1).then(() => fired.push(60_000)),
          scheduler.sleep(racer, 30_000, 2).then(() => fired.push(30_000)),
          // Cleared: it resolves at once, and is no step.
          scheduler.sleep(racer, 10_000, 3).then(() => fired.push(10_000)),
          Promise.resolve().then(() => scheduler.cancelSleep(racer, 3)),
        ]),
    ]);
    expect(await scheduler.run()).toBe(true);
    expect(fired).toEqual([10_000, 30_000, 60_000]);
    expect(scheduler.steps).toEqual([
      { racer: 0, timerMs: 30_000 },
      { racer: 0, timerMs: 60_000 },
    ]);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it('waits for a racer with nothing pending: it is on its way to a command', async () => {
    const store = new Map<string, number>();
    // Picks the highest racer ready: racer 1, if the scheduler waits for it.
    const scheduler = schedulerFor(
      2,
      scheduleOf((ready) => ready.at(-1)?.racer),
    );
    start(scheduler, [
      (racer) => increment(scheduler, racer, store),
      async (racer) => {
        // Work outside Redis and outside the racer's timers (the test's own clock).
        await new Promise((resolve) => setTimeout(resolve, 50));
        await increment(scheduler, racer, store);
      },
    ]);
    await scheduler.run();
    expect(scheduler.steps[0]?.racer).toBe(1);
  });

  it('stops when the schedule abandons the interleaving', async () => {
    const scheduler = schedulerFor(
      1,
      scheduleOf(() => undefined),
    );
    start(scheduler, [(racer) => increment(scheduler, racer, new Map())]);
    expect(await scheduler.run()).toBe(false);
    expect(scheduler.steps).toEqual([]);
  });
});
