import { join } from 'node:path';
import { type Exercise, loadExercise } from '../../content/exercise.ts';
import { ContentError } from '../../errors.ts';
import type { GradeResult } from '../../result/grade-result.ts';
import { limiter } from './limiter.ts';
import { type Mutant, mutantsOf } from './mutant.ts';
import { redisMutations } from './redis-mutators.ts';
import { strykerMutations } from './stryker-mutations.ts';
import { newError, TypeChecker } from './type-checker.ts';
import { type Verdict, VerdictCache } from './verdict-cache.ts';

export interface MutantOutcome {
  mutant: Mutant;
  verdict: Verdict;
  /** Read from the cache rather than graded in this run. */
  cached: boolean;
}

export interface ExerciseMutants {
  id: string;
  /** solution.ts, which each mutant changes in one place. */
  solution: string;
  /** Every mutant, in the order of its change in solution.ts. */
  outcomes: MutantOutcome[];
  equivalentMutants: Exercise['equivalentMutants'];
  /** Why no mutant could be graded: the exercise does not load, or its solution fails. */
  problem?: string;
}

export interface MutationOptions {
  courseDir: string;
  /** The grader's `grade`: a mutant is graded as a learner's submission is. */
  grade: (exerciseId: string, source: string) => Promise<GradeResult>;
  /** The exercises, in the order their results are told. */
  exerciseIds: readonly string[];
  cache: VerdictCache;
  /** Mutants graded at once: the grader's worker count. */
  concurrency: number;
  /** Told each exercise's mutants once all are judged, in the order of `exerciseIds`. */
  onExercise?: (result: ExerciseMutants) => void;
}

/**
 * Grades every mutant of every exercise's solution.ts as a learner's submission: killed when
 * the result is not a pass, a compile error when TypeScript refuses it (then it is not graded).
 */
export async function runMutants(options: MutationOptions): Promise<ExerciseMutants[]> {
  const inTurn = limiter(options.concurrency);
  // TypeScript loads its libraries once, and only when a mutant is not in the cache.
  let checker: TypeChecker | undefined;
  const typeCheck = (path: string, source: string) => {
    checker ??= new TypeChecker();
    return checker.errors(path, source);
  };
  const pending = options.exerciseIds.map((id) => exerciseMutants(options, id, inTurn, typeCheck));
  // Awaited below, in order: one that fails meanwhile is not an unhandled rejection.
  for (const result of pending) result.catch(() => {});
  const results: ExerciseMutants[] = [];
  for (const result of pending) {
    const done = await result;
    options.onExercise?.(done);
    results.push(done);
  }
  return results;
}

async function exerciseMutants(
  options: MutationOptions,
  id: string,
  inTurn: ReturnType<typeof limiter>,
  typeCheck: (path: string, source: string) => string[],
): Promise<ExerciseMutants> {
  let exercise: Exercise;
  try {
    exercise = await loadExercise(options.courseDir, id);
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    return { id, solution: '', outcomes: [], equivalentMutants: [], problem: error.message };
  }
  const { solution, equivalentMutants } = exercise;
  const exerciseDir = join(options.courseDir, 'exercises', id);
  const exerciseKey = await VerdictCache.exerciseKey(exerciseDir, exercise.limits);
  /** The cached verdict, or TypeScript's, or the grader's; `keep` says which to remember. */
  const judge = async (
    source: string,
    compileError: () => string | undefined,
    keep: (verdict: Verdict) => boolean = () => true,
  ) => {
    const key = VerdictCache.mutantKey(exerciseKey, source);
    const cached = await options.cache.get(key);
    if (cached) return { verdict: cached, cached: true };
    const error = compileError();
    const verdict: Verdict = error
      ? { status: 'compile-error', error }
      : verdictOf(await options.grade(id, source));
    if (keep(verdict)) await options.cache.set(key, verdict);
    return { verdict, cached: false };
  };
  const broken = (problem: string) => ({ id, solution, outcomes: [], equivalentMutants, problem });

  // Mutants of a solution that fails are all "killed": that would prove nothing of the checks.
  // A failure is not remembered: it may be a flaky check, which plain verify points at.
  let original: Verdict;
  try {
    const passes = (verdict: Verdict) => verdict.status === 'survived';
    original = (await inTurn(() => judge(solution, () => undefined, passes))).verdict;
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    return broken(error.message);
  }
  if (original.status === 'killed') {
    return broken(`solution.ts does not pass its checks (${original.by}): run keyspace verify`);
  }

  const solutionPath = join(exerciseDir, 'solution.ts');
  let solutionErrors: string[] | undefined;
  const compileError = (mutant: Mutant) => () => {
    solutionErrors ??= typeCheck(solutionPath, solution);
    return newError(solutionErrors, typeCheck(solutionPath, mutant.source));
  };
  const mutants = mutantsOf(solution, [
    ...(await strykerMutations(solution)),
    ...redisMutations(solution),
  ]);
  const outcomes = await Promise.all(
    mutants.map(async (mutant) => ({
      mutant,
      ...(await inTurn(() => judge(mutant.source, compileError(mutant)))),
    })),
  );
  return { id, solution, outcomes, equivalentMutants };
}

/** Killed by the first check that did not pass, or by an error before any check ran. */
function verdictOf(result: GradeResult): Verdict {
  if (result.status === 'pass') return { status: 'survived' };
  const check = result.checks.find((candidate) => candidate.status !== 'pass');
  if (check) return { status: 'killed', by: `${check.status}: ${check.name}` };
  return { status: 'killed', by: `error: ${result.message ?? 'no check ran'}` };
}
