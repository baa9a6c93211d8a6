import { isAbsolute, relative, resolve } from 'node:path';
import { loadExercise } from '../content/exercise.ts';
import { UnknownExerciseError } from '../errors.ts';
import { Grader } from '../grader.ts';
import type { GradedFile } from '../result/graded-file.ts';
import { NO_NETWORK_NAMESPACE } from '../worker/network-isolation.ts';
import { warn } from './run-cli.ts';

/** A file to grade, and the exercise to grade it as. */
export interface Submission {
  exercise: string;
  /** Where to read it. */
  path: string;
  /** Its name in reports and locations: never a host path the user did not give. */
  file: string;
}

/**
 * The submissions whose exercise the course has; each other one is skipped with a warning, so
 * that a stray file does not cost a class its grading. A broken exercise throws (ContentError).
 */
export async function gradable<T extends Submission>(
  courseDir: string,
  submissions: readonly T[],
): Promise<T[]> {
  const known = new Map<string, boolean>();
  for (const exercise of new Set(submissions.map((submission) => submission.exercise))) {
    try {
      await loadExercise(courseDir, exercise);
      known.set(exercise, true);
    } catch (error) {
      if (!(error instanceof UnknownExerciseError)) throw error;
      known.set(exercise, false);
    }
  }
  for (const { exercise, file } of submissions) {
    if (!known.get(exercise)) {
      warn(`${file} names no exercise of the course ('${exercise}'): not graded`);
    }
  }
  return submissions.filter(({ exercise }) => known.get(exercise));
}

/**
 * The submission's name in messages and annotations: its path from the current directory, as
 * CI annotations and editors resolve it, or as given when it lies outside.
 */
export function shownName(file: string): string {
  const fromHere = relative(process.cwd(), resolve(file));
  return fromHere.startsWith('..') || isAbsolute(fromHere) ? file : fromHere;
}

export interface GradeAllOptions<T> {
  courseDir: string;
  concurrency: number;
  seed: number | undefined;
  read(submission: T): Promise<string>;
  onGraded?(): void;
}

/** Grades every submission with one grader, in parallel; the results in the order given. */
export async function gradeAll<T extends Submission>(
  submissions: readonly T[],
  { courseDir, concurrency, seed, read, onGraded }: GradeAllOptions<T>,
): Promise<GradedFile[]> {
  const grader = await Grader.start({ courseDir, concurrency });
  // As `start` and `worker` say it: in CI (AppArmor on ubuntu-24.04) it may well be off.
  if (!grader.networkIsolated) warn(NO_NETWORK_NAMESPACE);
  try {
    return await Promise.all(
      submissions.map(async (submission) => {
        const result = await grader.grade(submission.exercise, await read(submission), {
          seed,
          file: submission.file,
        });
        onGraded?.();
        return { file: submission.file, result };
      }),
    );
  } finally {
    await grader.stop();
  }
}
