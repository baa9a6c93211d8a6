import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Lesson } from '../content/course.ts';
import { type Problem as ContentProblem, problemOf } from '../content/problem.ts';
import { ContentError, UnknownExerciseError } from '../errors.ts';
import type { Grader, SeededGrade } from '../grader.ts';
import type { GradeResult } from '../result/grade-result.ts';
import type { GradeStop } from '../runner/run-submission.ts';
import { GIVEAWAY_SHARE, solutionInHints } from './hints-give-away.ts';

/** The course's own rules for every exercise (see AUTHORING.md). */
const SOLUTION_RUNS = 5;
const MIN_CHECKS = 3;
const MIN_HINTS = 2;
const MIN_WRONG = 2;
const FAILS_HEADER = /^\/\/\s*fails:\s*(.+?)\s*$/;
/** `// fails: error`: the mistake makes the grading itself end in error (e.g. it throws). */
const FAILS_WITH_ERROR = 'error';

/** A problem verify found; `seed` is that of the grading that showed it, to replay with --seed. */
export interface Problem extends ContentProblem {
  seed?: number;
  /** Worth the author's look, but the course still holds: verify passes with it. */
  warning?: true;
}

export interface ExerciseVerifyOptions {
  courseDir: string;
  grader: Grader;
  /** Every grading's random data from this seed; a fresh seed for each grading by default. */
  seed?: number;
}

/**
 * Grades an exercise's solution, right/, starter and wrong/ solutions as AUTHORING.md says they
 * must come out. `lesson` is the one that names the exercise, if any does.
 */
export async function verifyExercise(
  { courseDir, grader, seed }: ExerciseVerifyOptions,
  id: string,
  lesson: Lesson | undefined,
): Promise<Problem[]> {
  const folder = `exercises/${id}`;
  let exercise: Awaited<ReturnType<Grader['exercise']>>;
  try {
    exercise = await grader.exercise(id);
  } catch (error) {
    if (error instanceof UnknownExerciseError) return [await noExerciseMd(courseDir, id, lesson)];
    if (error instanceof ContentError) return [problemOf(error, folder)];
    throw error;
  }
  const problems: Problem[] = [];
  if (exercise.hints.length < MIN_HINTS) {
    problems.push({
      file: `${folder}/exercise.md`,
      message: `has ${exercise.hints.length} hint(s): give at least ${MIN_HINTS}, from gentle to specific`,
    });
  }
  const given = solutionInHints(exercise.solution, exercise.hints);
  if (given && given.found >= given.lines * GIVEAWAY_SHARE) {
    problems.push({
      file: `${folder}/exercise.md`,
      message: `its hints hold ${given.found} of the ${given.lines} lines of solution.ts: let the last hint lead to the answer, not be it`,
    });
  }
  /** Grades `file` of the exercise folder, named as the course names it in every location. */
  const grade = async (
    file: string,
    source: string,
    stop?: GradeStop,
  ): Promise<SeededGrade | undefined> => {
    try {
      return await grader.gradeSeeded(id, source, { seed, file, ...(stop && { stop }) });
    } catch (error) {
      if (error instanceof ContentError) problems.push(problemOf(error, folder));
      else throw error;
      return undefined;
    }
  };

  /**
   * Grades a known-right solution until a run does not pass. Undefined when the exercise itself
   * is broken: every other grading would meet the same fault, and its problems would be noise.
   */
  const passesEveryRun = async (file: string, source: string) => {
    let first: GradeResult | undefined;
    for (let run = 1; run <= SOLUTION_RUNS; run++) {
      const graded = await grade(file, source);
      if (!graded) return undefined;
      first ??= graded.result;
      if (graded.result.status === 'pass') continue;
      const broken = brokenCheck(graded, folder);
      if (broken) {
        problems.push(broken);
        return undefined;
      }
      problems.push({
        file,
        ...lineIn(file, graded.result),
        message: `run ${run} of ${SOLUTION_RUNS} did not pass: ${describe(graded.result)}`,
        seed: graded.seed,
      });
      break;
    }
    return first;
  };

  const solution = await passesEveryRun(`${folder}/solution.ts`, exercise.solution);
  if (!solution) return problems;
  if (solution.status === 'pass' && solution.checks.length < MIN_CHECKS) {
    problems.push({
      file: `${folder}/checks.ts`,
      message: `has ${solution.checks.length} check(s): write at least ${MIN_CHECKS}`,
    });
  }
  for (const name of await typeScriptFiles(courseDir, `${folder}/right`)) {
    const file = `${folder}/right/${name}`;
    if (!(await passesEveryRun(file, await readFile(join(courseDir, file), 'utf8')))) {
      return problems;
    }
  }

  const starter = await grade(`${folder}/starter.ts`, exercise.starter);
  if (starter && starter.result.status !== 'fail') {
    problems.push({
      file: `${folder}/starter.ts`,
      ...lineIn(`${folder}/starter.ts`, starter.result),
      message: `must run and fail a check, but its result is ${starter.result.status}: ${describe(starter.result)}`,
      seed: starter.seed,
    });
  }

  const wrongFiles = await typeScriptFiles(courseDir, `${folder}/wrong`);
  if (wrongFiles.length < MIN_WRONG) {
    problems.push({
      file: `${folder}/wrong/`,
      message: `has ${wrongFiles.length} wrong solution(s): add at least ${MIN_WRONG} plausible mistakes, each starting with // fails: <check name>`,
    });
  }
  for (const name of wrongFiles) {
    const file = `${folder}/wrong/${name}`;
    const source = await readFile(join(courseDir, file), 'utf8');
    const expected = FAILS_HEADER.exec(source.split('\n', 1)[0] ?? '')?.[1];
    if (!expected) {
      problems.push({
        file,
        line: 1,
        message: `must start with // fails: <the name of the check it fails>, or // fails: ${FAILS_WITH_ERROR}`,
      });
      continue;
    }
    // Checks after the one it must fail cannot change that; an error may come from any check.
    const graded = await grade(
      file,
      source,
      expected === FAILS_WITH_ERROR ? undefined : { afterCheck: expected },
    );
    if (!graded) continue;
    const message = wrongProblem(graded, expected, folder);
    if (message) {
      problems.push({ file, line: 1, message, seed: graded.seed });
      continue;
    }
    const earlier = failedBefore(graded.result, expected);
    if (earlier.length > 0) {
      problems.push({
        file,
        line: 1,
        message: `fails ${earlier.map((name) => `"${name}"`).join(', ')} too, before "${expected}": a learner with this mistake sees ${earlier.length === 1 ? 'that check' : 'those checks'} fail first; name the first check that catches it, or make the mistake narrower`,
        seed: graded.seed,
        warning: true,
      });
    }
  }
  return problems;
}

/**
 * The checks a wrong solution fails before the one it names (the grading stops after that one):
 * the check its header names is not the first to catch the mistake. None for `// fails: error`.
 */
function failedBefore(result: GradeResult, expected: string): string[] {
  if (expected === FAILS_WITH_ERROR) return [];
  return result.checks
    .filter((check) => check.name !== expected && check.status === 'fail')
    .map((check) => check.name);
}

/**
 * The line of `file` where its code threw (a missing fixture it read, say) in the first check
 * that ended in error, as a problem's `line`: the author goes straight there. A failed
 * expectation points at no line of its own, only at the export the check called.
 */
function lineIn(file: string, result: GradeResult): { line?: number } {
  const erred = result.checks.find((check) => check.status === 'error');
  const location = erred?.location ?? result.location;
  return location?.file === file ? { line: location.line } : {};
}

/** What is wrong with how a wrong solution came out, if anything. */
function wrongProblem(
  { result, seed }: SeededGrade,
  expected: string,
  folder: string,
): string | undefined {
  if (expected === FAILS_WITH_ERROR) {
    // An error the instructor's own check threw is not the error the mistake should cause.
    const broken = brokenCheck({ result, seed }, folder);
    if (broken) {
      return `must end the grading in error, but the error is the check's own: ${broken.message} (${broken.file}:${broken.line})`;
    }
    if (result.status === 'error') return undefined;
    return `must end the grading in error, but its result is ${result.status}: ${describe(result)}`;
  }
  const check = result.checks.find((candidate) => candidate.name === expected);
  if (!check) {
    return `names the check "${expected}", which the exercise does not have; its checks: ${result.checks.map((c) => `"${c.name}"`).join(', ') || describe(result)}`;
  }
  if (check.status === 'fail') return undefined;
  return `must fail the check "${expected}", but it ${check.status === 'pass' ? 'passed' : `ended in ${check.status}: ${check.message ?? ''}`}`;
}

async function noExerciseMd(courseDir: string, id: string, lesson: Lesson | undefined) {
  const message = `names exercise ${id}, but exercises/${id}/ has no exercise.md`;
  if (!lesson) return { file: `exercises/${id}`, message: 'has no exercise.md' };
  const text = await readFile(join(courseDir, lesson.file), 'utf8');
  const index = text.split('\n').findIndex((line) => line.trim() === `- ${id}`);
  return { file: lesson.file, ...(index === -1 ? {} : { line: index + 1 }), message };
}

/** The `.ts` files of a folder of the course, sorted; none when the folder is missing. */
async function typeScriptFiles(courseDir: string, folder: string): Promise<string[]> {
  const names = await readdir(join(courseDir, folder)).catch(() => []);
  return names.filter((name) => name.endsWith('.ts')).sort();
}

/**
 * A check that threw in the instructor's own code names its line of checks.ts: the problem is
 * there, not in the solution that met it.
 */
function brokenCheck({ result, seed }: SeededGrade, folder: string): Problem | undefined {
  for (const { name, reason, location, message = '' } of result.checks) {
    if (reason === 'check-crashed' && location?.file === `${folder}/checks.ts`) {
      // The message ends with the place too, for a learner's eyes; here the line is the problem's.
      const at = ` (${location.file}:${location.line})`;
      const text = message.endsWith(at) ? message.slice(0, -at.length) : message;
      return {
        file: location.file,
        line: location.line,
        message: `the check "${name}" throws: ${text}`,
        seed,
      };
    }
  }
  return undefined;
}

function describe(result: GradeResult): string {
  if (result.status === 'pass') return 'every check passed';
  const failing = result.checks.find((check) => check.status !== 'pass');
  if (failing) return `"${failing.name}": ${failing.message ?? failing.status}`;
  return result.message ?? 'no check ran';
}
