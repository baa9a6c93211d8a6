import type { ExerciseStats } from '../../contracts/index.ts';
import type { ExerciseTotals } from './exercise-totals.ts';

/** Below this many learners a pass rate says little, and raises no concern. */
export const MIN_LEARNERS_FOR_PASS_RATE = 5;
/** A pass rate under this suggests the statement or the hints leave learners stuck. */
export const LOW_PASS_RATE = 0.5;
/** A median this high suggests learners pass by trial and error. */
export const HIGH_MEDIAN_ATTEMPTS = 4;

export interface ExerciseIdentity {
  id: string;
  title: string;
  lesson: ExerciseStats['lesson'];
}

export function exerciseReport(exercise: ExerciseIdentity, totals: ExerciseTotals): ExerciseStats {
  const { attempted, passed, submissions } = totals;
  const passRate = attempted > 0 ? round(passed / attempted, 3) : null;
  const attemptsToPass = medianAndMean(totals.attemptsToPass);
  const failingChecks = totals.failingChecks.map(({ name, failures }) => ({
    name,
    failures,
    share: submissions > 0 ? round(failures / submissions, 3) : 0,
  }));
  const concerns: string[] = [];
  if (passRate !== null && attempted >= MIN_LEARNERS_FOR_PASS_RATE && passRate < LOW_PASS_RATE) {
    concerns.push(`only ${passed} of ${attempted} learners passed`);
  }
  if (attemptsToPass && attemptsToPass.median >= HIGH_MEDIAN_ATTEMPTS) {
    concerns.push(`learners needed a median of ${attemptsToPass.median} submissions to pass`);
  }
  return {
    ...exercise,
    attempted,
    passed,
    passRate,
    attemptsToPass,
    submissions,
    mostFailedCheck: failingChecks[0] ?? null,
    failingChecks,
    concerns,
  };
}

/** The median and mean of a histogram (value → how often); null when it is empty. */
export function medianAndMean(
  histogram: ReadonlyMap<number, number>,
): { median: number; mean: number } | null {
  const bins = [...histogram].filter(([, count]) => count > 0).sort(([a], [b]) => a - b);
  const count = bins.reduce((sum, [, n]) => sum + n, 0);
  if (count === 0) return null;
  const total = bins.reduce((sum, [value, n]) => sum + value * n, 0);
  // The values at the two middle ranks (the same one when the count is odd).
  const at = (rank: number) => {
    let seen = 0;
    for (const [value, n] of bins) {
      seen += n;
      if (rank < seen) return value;
    }
    return Number.NaN;
  };
  const median = (at(Math.floor((count - 1) / 2)) + at(Math.floor(count / 2))) / 2;
  return { median, mean: round(total / count, 2) };
}

function round(value: number, places: number): number {
  const scale = 10 ** places;
  return Math.round(value * scale) / scale;
}
