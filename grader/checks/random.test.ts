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

  it('makes ids shaped like a real one, so a missing id cannot be told by its shape', () => {
    const random = seededRandom(11);
    const ids = Array.from({ length: 200 }, () => random.id('user-4821-ab'));
    for (const id of ids) expect(id).toMatch(/^[a-z]{4}-[1-9]\d{3}-[a-z]{2}$/);
    expect(new Set(ids).size).toBeGreaterThan(190);
    expect(random.id()).toMatch(/^[a-z]{5,9}$/);
    expect(random.id('0042')).toMatch(/^\d{4}$/);
  });
});
