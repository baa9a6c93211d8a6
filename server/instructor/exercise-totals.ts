import { keys } from '../progress/keys.ts';
import type { AppState } from '../state/app-state.ts';

/** The failing checks the report shows per exercise, most frequent first. */
export const FAILING_CHECKS_KEPT = 5;

/** What record-submission.lua has counted for one exercise. */
export interface ExerciseTotals {
  /** Learners who submitted it at least once. */
  attempted: number;
  /** Learners who passed it. */
  passed: number;
  submissions: number;
  /** Submissions it took to pass (the passing one included) → learners who took that many. */
  attemptsToPass: Map<number, number>;
  /** The checks that failed or errored in the most submissions, most first. */
  failingChecks: { name: string; failures: number }[];
}

/**
 * The totals of the given exercises, in their order, then of every other exercise that has some
 * (one taken out of the course keeps its stats), in one round trip after the list.
 */
export async function readExerciseTotals(
  state: AppState,
  exercises: readonly string[],
): Promise<[string, ExerciseTotals][]> {
  return state.use(async (redis) => {
    const counted = await redis.smembers(keys.statsExercises);
    const all = [...new Set([...exercises, ...counted.sort()])];
    const pipeline = redis.pipeline();
    for (const exercise of all) {
      pipeline.hgetall(keys.exerciseStats(exercise));
      pipeline.hgetall(keys.attemptsToPass(exercise));
      pipeline.zrevrange(keys.failingChecks(exercise), 0, FAILING_CHECKS_KEPT - 1, 'WITHSCORES');
    }
    const replies = ((await pipeline.exec()) ?? []).map(([error, reply]) => {
      if (error) throw error;
      return reply;
    });
    return all.map((exercise, i): [string, ExerciseTotals] => {
      const stats = replies[i * 3] as Record<string, string>;
      const histogram = replies[i * 3 + 1] as Record<string, string>;
      const checks = replies[i * 3 + 2] as string[];
      return [
        exercise,
        {
          attempted: Number(stats.attempted ?? 0),
          passed: Number(stats.passed ?? 0),
          submissions: Number(stats.submissions ?? 0),
          attemptsToPass: new Map(
            Object.entries(histogram).map(([attempts, learners]) => [
              Number(attempts),
              Number(learners),
            ]),
          ),
          failingChecks: pairs(checks).map(([name, failures]) => ({
            name,
            failures: Number(failures),
          })),
        },
      ];
    });
  });
}

/** `[a, 1, b, 2]` (a WITHSCORES reply) → `[[a, 1], [b, 2]]`. */
function pairs(flat: string[]): [string, string][] {
  const paired: [string, string][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2) paired.push([flat[i] ?? '', flat[i + 1] ?? '']);
  return paired;
}
