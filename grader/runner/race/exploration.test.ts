import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_INTERLEAVINGS, Exploration, type Schedule } from './exploration.ts';
import type { Effect } from './step-effects.ts';

// The exploration alone, against racers simulated in plain code: each yields its steps (what one
// Redis command does to a tiny store) and receives each step's reply. The real engine, with
// isolates and redis-server, is proven by race.test.ts.

class Store {
  private readonly values = new Map<string, number>();
  private readonly versions = new Map<string, number>();
  get(key: string): number {
    return this.values.get(key) ?? 0;
  }
  version(key: string): number {
    return this.versions.get(key) ?? 0;
  }
  set(key: string, value: number): string {
    this.values.set(key, value);
    this.versions.set(key, this.version(key) + 1);
    return 'OK';
  }
}

interface Step {
  effect: Effect;
  run(store: Store): unknown;
}
type Racer = () => Generator<Step, void, unknown>;

const get = (key: string): Step => ({ effect: 'read', run: (store) => store.get(key) });
const set = (key: string, value: number): Step => ({
  effect: 'write',
  run: (store) => store.set(key, value),
});
/** WATCH: the reply is what EXEC compares against. */
const watch = (key: string): Step => ({
  effect: 'read',
  run: (store) => ({ key, version: store.version(key) }),
});
/** MULTI SET … EXEC: null when a WATCHed key changed since the WATCH. */
const exec = (
  watched: { key: string; version: number } | undefined,
  key: string,
  value: number,
): Step => ({
  effect: 'write',
  run: (store) =>
    watched && store.version(watched.key) !== watched.version ? null : store.set(key, value),
});

const getThenSet: Racer = function* () {
  const count = (yield get('n')) as number;
  yield set('n', count + 1);
};

const watchInTheLoop: Racer = function* () {
  for (;;) {
    const watched = (yield watch('n')) as { key: string; version: number };
    const count = (yield get('n')) as number;
    if ((yield exec(watched, 'n', count + 1)) !== null) return;
  }
};

const watchOutsideTheLoop: Racer = function* () {
  let watched = (yield watch('n')) as { key: string; version: number } | undefined;
  for (;;) {
    const count = (yield get('n')) as number;
    const reply = yield exec(watched, 'n', count + 1);
    // EXEC forgets every WATCH, whether it ran or not.
    watched = undefined;
    if (reply !== null) return;
  }
};

/**
 * Runs racers to the end under a schedule, or until it abandons the interleaving; answers who
 * stepped, in order, and the store.
 */
function interleave(racers: Racer[], schedule: Schedule) {
  const store = new Store();
  const running = racers.map((racer) => racer());
  const next = running.map((racer) => racer.next());
  const turns: number[] = [];
  for (;;) {
    const ready = next.flatMap((step, racer) =>
      step.done ? [] : [{ racer, effect: (step.value as Step).effect }],
    );
    if (ready.length === 0) return { turns, store, completed: true };
    const racer = schedule.pick(ready);
    if (racer === undefined) return { turns, store, completed: false };
    turns.push(racer);
    const step = next[racer]?.value as Step;
    next[racer] = running[racer]?.next(step.run(store)) as IteratorResult<Step, void>;
  }
}

/**
 * Explores until an interleaving loses one of the racers' increments of `n` (when `counting`);
 * answers it and what was tried.
 */
function explore(
  racers: Racer[],
  seed: number,
  maxInterleavings = DEFAULT_MAX_INTERLEAVINGS,
  counting = true,
) {
  const exploration = new Exploration({ maxInterleavings, seed });
  const tried: number[][] = [];
  for (let schedule = exploration.next(); schedule; schedule = exploration.next()) {
    const { turns, store, completed } = interleave(racers, schedule);
    exploration.finished(schedule, completed);
    if (!completed) continue;
    tried.push(turns);
    if (counting && store.get('n') !== racers.length) return { lost: turns, tried, exploration };
  }
  return { lost: undefined, tried, exploration };
}

describe('the exploration of interleavings', () => {
  it('tries every interleaving of two racers of two steps, one after another first', () => {
    const { lost, tried, exploration } = explore([getThenSet, getThenSet], 1);
    expect(lost).toEqual([0, 1, 0, 1]);
    expect(tried).toEqual([
      [0, 0, 1, 1],
      [0, 1, 0, 1],
    ]);
    const all = explore(
      [
        function* () {
          yield set('a', 1);
          yield set('a', 1);
        },
        function* () {
          yield set('b', 1);
          yield set('b', 1);
        },
      ],
      1,
      DEFAULT_MAX_INTERLEAVINGS,
      false,
    );
    expect(all.tried).toEqual([
      [0, 0, 1, 1],
      [0, 1, 0, 1],
      [0, 1, 1, 0],
      [1, 0, 0, 1],
      [1, 0, 1, 0],
      [1, 1, 0, 0],
    ]);
    expect(exploration.exhaustive).toBe(false);
    expect(all.exploration.exhaustive).toBe(true);
  });

  it('tries one order of steps that commute: reads in any order are one interleaving', () => {
    const reader: Racer = function* () {
      yield get('a');
      yield watch('b');
    };
    const { tried, exploration } = explore([reader, reader, reader], 1, 100, false);
    expect(tried).toEqual([[0, 0, 1, 1, 2, 2]]);
    expect(exploration.exhaustive).toBe(true);
    const writer: Racer = function* () {
      yield set('a', 1);
    };
    // A write and a read do not commute: both orders count.
    expect(explore([reader, writer], 1, 100, false).tried).toEqual([
      [0, 0, 1],
      [0, 1, 0],
      [1, 0, 0],
    ]);
  });

  it('finds no lost update with WATCH inside the retry loop, in every interleaving of two', () => {
    const { lost, exploration } = explore([watchInTheLoop, watchInTheLoop], 1, 1_000);
    expect(lost).toBeUndefined();
    expect(exploration.exhaustive).toBe(true);
  });

  it('finds the lost update of WATCH outside the retry loop among three racers, systematically', () => {
    const outside = explore([watchOutsideTheLoop, watchOutsideTheLoop, watchOutsideTheLoop], 1);
    expect(outside.lost).toBeDefined();
    expect(outside.tried.length).toBeLessThanOrEqual(DEFAULT_MAX_INTERLEAVINGS / 2);
    const inside = explore([watchInTheLoop, watchInTheLoop, watchInTheLoop], 1);
    expect(inside.lost).toBeUndefined();
    expect(inside.tried).toHaveLength(DEFAULT_MAX_INTERLEAVINGS);
  });

  it('tries the same interleavings again for the same seed, and others for another', () => {
    const three = [getThenSet, getThenSet, watchInTheLoop];
    const run = (seed: number) => explore(three, seed, 40, false).tried;
    const once = run(7);
    expect(once).toHaveLength(40);
    expect(run(7)).toEqual(once);
    expect(run(8)).not.toEqual(once);
    // The first half is systematic, the same whatever the seed.
    expect(run(8).slice(0, 20)).toEqual(once.slice(0, 20));
  });

  it('takes turns fairly past its branching depth, so a racer waiting on another finishes', () => {
    const waiter: Racer = function* () {
      while ((yield get('flag')) === 0);
    };
    const setter: Racer = function* () {
      yield set('flag', 1);
    };
    const exploration = new Exploration({ maxInterleavings: 3, seed: 1 });
    const schedule = exploration.next() as Schedule;
    const { turns } = interleave([waiter, setter], schedule);
    exploration.finished(schedule, true);
    expect(turns.length).toBeGreaterThan(100);
    expect(turns.length).toBeLessThan(110);
    expect(exploration.exhaustive).toBe(false);
  });
});
