import { describe, expect, it } from 'vitest';
import { seededRandom } from './random.ts';

describe('fixture randomness', () => {
  it('repeats itself for the same seed, and differs for another', () => {
    const draw = (seed: number) => {
      const random = seededRandom(seed);
      return [random.int(1, 1000), random.word(), random.pick(['a', 'b', 'c'])];
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('stays within its bounds', () => {
    const random = seededRandom(7);
    const ints = Array.from({ length: 1000 }, () => random.int(3, 5));
    expect(new Set(ints)).toEqual(new Set([3, 4, 5]));
    expect(random.word(8)).toMatch(/^[a-z]{8}$/);
    expect(() => random.pick([])).toThrow(RangeError);
  });
});
