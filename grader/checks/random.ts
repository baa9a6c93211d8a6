import { randomInt } from 'node:crypto';
import type { Random } from './api.ts';

/**
 * A small seeded generator (mulberry32): the same seed gives the same fixture data, which makes a
 * run reproducible in a test, while each real run gets a fresh seed.
 */
export function seededRandom(seed = randomInt(2 ** 31)): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return {
    int,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('random.pick needs at least one item');
      return items[int(0, items.length - 1)] as (typeof items)[number];
    },
    word: (length = 6) =>
      Array.from({ length }, () => String.fromCharCode(97 + int(0, 25))).join(''),
  };
}
