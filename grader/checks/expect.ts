import { inspect, isDeepStrictEqual } from 'node:util';
import type { Location, Reason } from '../result/grade-result.ts';
import type { Expect } from './api.ts';

/** A check that did not hold: the learner's failure, reported as data with expected and actual. */
export class CheckFailure extends Error {
  override name = 'CheckFailure';
  constructor(
    message: string,
    readonly expected?: string,
    readonly actual?: string,
    /** Why, when it is more than an expectation (e.g. `unawaited`, `race`), and where. */
    readonly detail?: { reason: Reason; location?: Location },
  ) {
    super(message);
  }
}

/** Renders a value for a learner: quoted strings, `null`, bounded depth and length. */
export function show(value: unknown): string {
  return inspect(value, {
    depth: 4,
    maxArrayLength: 20,
    maxStringLength: 500,
    breakLength: Infinity,
  });
}

export const expect: Expect = {
  equal(actual, expected, what) {
    if (isDeepStrictEqual(actual, expected)) return;
    throw new CheckFailure(
      `${what}: expected ${show(expected)}, got ${show(actual)}`,
      show(expected),
      show(actual),
    );
  },
  ok(condition, message) {
    if (!condition) throw new CheckFailure(message);
  },
};
