import { describe, expect, it } from 'vitest';
import { exerciseReport, medianAndMean } from './exercise-report.ts';
import type { ExerciseTotals } from './exercise-totals.ts';

const EXERCISE = {
  id: 'set-and-get',
  title: 'Store and read a value',
  lesson: { id: 'set-and-get', title: 'SET and GET' },
};
const NOTHING: ExerciseTotals = {
  attempted: 0,
  passed: 0,
  submissions: 0,
  attemptsToPass: new Map(),
  failingChecks: [],
};

describe('the median and mean of attempts to pass', () => {
  it('reads them from the histogram, the middle two averaged for an even count', () => {
    expect(medianAndMean(new Map([[1, 1]]))).toEqual({ median: 1, mean: 1 });
    expect(
      medianAndMean(
        new Map([
          [4, 1],
          [1, 2],
        ]),
      ),
    ).toEqual({ median: 1, mean: 2 });
    expect(
      medianAndMean(
        new Map([
          [1, 1],
          [2, 1],
          [5, 1],
          [7, 1],
        ]),
      ),
    ).toEqual({ median: 3.5, mean: 3.75 });
    expect(
      medianAndMean(
        new Map([
          [1, 2],
          [3, 1],
        ]),
      ),
    ).toEqual({ median: 1, mean: 1.67 });
  });

  it('is null before anyone passed', () => {
    expect(medianAndMean(new Map())).toBeNull();
    expect(medianAndMean(new Map([[2, 0]]))).toBeNull();
  });
});

describe("an exercise's report", () => {
  it('is zeros and nulls for an exercise nobody tried', () => {
    expect(exerciseReport(EXERCISE, NOTHING)).toEqual({
      ...EXERCISE,
      attempted: 0,
      passed: 0,
      passRate: null,
      attemptsToPass: null,
      submissions: 0,
      mostFailedCheck: null,
      failingChecks: [],
      concerns: [],
    });
  });

  it('gives each failing check its share of the submissions, the most frequent first', () => {
    const report = exerciseReport(EXERCISE, {
      attempted: 3,
      passed: 2,
      submissions: 8,
      attemptsToPass: new Map([
        [1, 1],
        [3, 1],
      ]),
      failingChecks: [
        { name: 'weather holds the value sunny', failures: 4 },
        { name: 'main reads the value back with GET', failures: 1 },
      ],
    });
    expect(report).toMatchObject({
      passRate: 0.667,
      attemptsToPass: { median: 2, mean: 2 },
      mostFailedCheck: { name: 'weather holds the value sunny', failures: 4, share: 0.5 },
      concerns: [],
    });
    expect(report.failingChecks[1]).toEqual({
      name: 'main reads the value back with GET',
      failures: 1,
      share: 0.125,
    });
  });

  it('raises a concern at a low pass rate only once enough learners tried', () => {
    const tried = (attempted: number, passed: number) =>
      exerciseReport(EXERCISE, { ...NOTHING, attempted, passed, submissions: attempted }).concerns;
    expect(tried(4, 0)).toEqual([]);
    expect(tried(5, 2)).toEqual(['only 2 of 5 learners passed']);
    expect(tried(6, 3)).toEqual([]);
  });

  it('raises a concern when learners needed a median of 4 or more submissions', () => {
    const needed = (histogram: [number, number][]) =>
      exerciseReport(EXERCISE, {
        ...NOTHING,
        attempted: 2,
        passed: 2,
        attemptsToPass: new Map(histogram),
      }).concerns;
    expect(
      needed([
        [3, 1],
        [4, 1],
      ]),
    ).toEqual([]);
    expect(
      needed([
        [4, 1],
        [6, 1],
      ]),
    ).toEqual(['learners needed a median of 5 submissions to pass']);
  });
});
