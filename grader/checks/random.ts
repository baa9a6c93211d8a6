import { randomInt } from 'node:crypto';
import type { Random } from './api.ts';

/** Seeds are whole numbers from 0 to this, so that one fits any command line and JSON number. */
export const MAX_SEED = 2 ** 31 - 1;

/** A seed for a grading nobody asked to replay. */
export function freshSeed(): number {
  return randomInt(MAX_SEED + 1);
}

/**
 * A small seeded generator (mulberry32): the same seed gives the same fixture data, which makes a
 * run reproducible (`verify --seed`), while each real run gets a fresh seed.
 */
export function seededRandom(seed = freshSeed()): Random {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const word = (length = 6) =>
    Array.from({ length }, () => String.fromCharCode(97 + int(0, 25))).join('');
  return {
    int,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('random.pick needs at least one item');
      return items[int(0, items.length - 1)] as (typeof items)[number];
    },
    word,
    id: (like) => {
      if (like === undefined) return word(int(5, 9));
      return [...like]
        .map((char, index) => {
          // A number keeps its leading digit non-zero unless the real one has a zero there.
          const leads = !/[0-9]/.test(like[index - 1] ?? '');
          if (/[0-9]/.test(char)) return String(int(leads && char !== '0' ? 1 : 0, 9));
          if (/[a-z]/.test(char)) return String.fromCharCode(97 + int(0, 25));
          if (/[A-Z]/.test(char)) return String.fromCharCode(65 + int(0, 25));
          return char;
        })
        .join('');
    },
  };
}
