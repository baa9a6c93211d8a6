import { access, readdir, readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { runRedisCli } from '../console/redis-cli.ts';
import { type Lesson, loadLessons } from '../content/course.ts';
import { type Problem, problemOf } from '../content/problem.ts';
import { ContentError, UnknownExerciseError } from '../errors.ts';
import type { Grader } from '../grader.ts';
import type { SandboxServer } from '../redis/sandbox-server.ts';
import type { GradeResult } from '../result/grade-result.ts';
import { MISSING_EXPORT } from '../runner/learner-isolate.ts';
import { resetSandbox, SandboxLostError } from '../runner/reset-sandbox.ts';
import { CHECK_CRASH_LOCATION } from '../runner/run-submission.ts';
import { connectTrusted } from '../runner/sandbox-connections.ts';
import { lessonParts } from './lesson-parts.ts';

export type { Problem } from '../content/problem.ts';

/** The course's own rules for every exercise (see AUTHORING.md). */
const SOLUTION_RUNS = 5;
const MIN_CHECKS = 3;
const MIN_HINTS = 2;
const MIN_WRONG = 2;
const FAILS_HEADER = /^\/\/\s*fails:\s*(.+?)\s*$/;
/** A lesson's block may wait on a blocking command for a moment; never for long. */
const BLOCK_TIMEOUT_MS = 10_000;

export interface VerifyOptions {
  courseDir: string;
  grader: Grader;
  /** A sandbox for the lessons' runnable blocks, flushed before each lesson. */
  sandbox: SandboxServer;
  /** Told each lesson and exercise once it is checked, with how many problems it has. */
  onChecked?: (what: string, problems: number) => void;
}

/** Proves a course folder: every problem found, none thrown (see AUTHORING.md, "Verify"). */
export async function verifyCourse(options: VerifyOptions): Promise<Problem[]> {
  let lessons: Lesson[];
  try {
    lessons = await loadLessons(options.courseDir);
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    return [problemOf(error, 'lessons/')];
  }
  const named = new Map<string, Lesson>();
  const problems: Problem[] = [];
  for (const lesson of lessons) {
    for (const id of lesson.exercises) {
      const earlier = named.get(id);
      if (earlier) {
        problems.push({
          file: lesson.file,
          message: `exercise ${id} is already in ${earlier.file}: an exercise belongs to one lesson`,
        });
      }
      named.set(id, lesson);
    }
  }
  problems.push(...(await unnamedExercises(options.courseDir, named)));

  const [lessonProblems, exerciseProblems] = await Promise.all([
    inOrder<Lesson | string, Problem[]>([...lessons, ...named.keys()], async (item) => {
      if (typeof item === 'string') return verifyRunScenario(options, item);
      const found = await verifyLesson(options, item);
      options.onChecked?.(item.file, found.length);
      return found;
    }),
    Promise.all(
      [...named].map(async ([id, lesson]) => {
        const found = await verifyExercise(options, id, lesson);
        options.onChecked?.(`exercises/${id}`, found.length);
        return found;
      }),
    ),
  ]);
  return [...problems, ...lessonProblems.flat(), ...exerciseProblems.flat()];
}

/** Lessons and Run scenarios share one sandbox, so they take turns. */
async function inOrder<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) results.push(await work(item));
  return results;
}

async function unnamedExercises(courseDir: string, named: Map<string, Lesson>) {
  const entries = await readdir(join(courseDir, 'exercises'), { withFileTypes: true }).catch(
    () => [],
  );
  return entries
    .filter((entry) => entry.isDirectory() && !named.has(entry.name))
    .map((entry) => ({
      file: `exercises/${entry.name}`,
      message: "no lesson names this exercise: add it to a lesson's front matter under exercises",
    }));
}

async function verifyLesson(options: VerifyOptions, lesson: Lesson): Promise<Problem[]> {
  const { blocks, references } = lessonParts(lesson.markdown, lesson.markdownLine);
  const problems: Problem[] = [];
  const lessonDir = dirname(join(options.courseDir, lesson.file));
  for (const reference of references) {
    const path = decodeURI(reference.target.replace(/[#?].*$/, ''));
    if (!path) continue;
    const exists = await access(join(lessonDir, path)).then(
      () => true,
      () => false,
    );
    if (!exists) {
      problems.push({
        file: lesson.file,
        line: reference.line,
        message: `the ${reference.kind} ${reference.target} leads to no file`,
      });
    }
  }

  // Each lesson starts from an empty sandbox: keys, scripts and functions.
  const trusted = connectTrusted(options.sandbox.address);
  try {
    await resetSandbox(trusted);
  } catch (error) {
    if (!(error instanceof SandboxLostError)) throw error;
    return [
      ...problems,
      {
        file: lesson.file,
        message: `an earlier lesson's block left Redis unusable: ${error.message}`,
      },
    ];
  } finally {
    trusted.disconnect();
  }
  for (const block of blocks) {
    let output: string;
    try {
      const printed = await runRedisCli(options.sandbox.address, block.commands, BLOCK_TIMEOUT_MS);
      if (printed.timedOut) {
        problems.push({
          file: lesson.file,
          line: block.line,
          message: `the block was still waiting after ${BLOCK_TIMEOUT_MS / 1000} s: give blocking commands a short timeout`,
        });
        continue;
      }
      output = printed.text;
    } catch (error) {
      problems.push({ file: lesson.file, line: block.line, message: (error as Error).message });
      continue;
    }
    const failed = output.split('\n').filter((line) => line.startsWith('(error)'));
    if (failed.length > 0) {
      problems.push({
        file: lesson.file,
        line: block.line,
        message: `a command of this block fails in the sandbox: ${failed.join('; ')}`,
      });
    }
    const expected = block.expected;
    if (expected && output.trimEnd() !== expected.text.trimEnd()) {
      problems.push({
        file: lesson.file,
        line: expected.line,
        message: `the output shown is not what Redis prints.\n  shown:\n${indent(expected.text)}\n  printed:\n${indent(output)}`,
      });
    }
  }
  return problems;
}

/**
 * Run (`run:` in exercise.md) with the reference solution, in an emptied sandbox: a scenario that
 * calls an export the solution lacks would tell every learner their code is wrong. (A call may
 * still throw there: a scenario can read what the learner's own Redis holds.)
 */
async function verifyRunScenario(options: VerifyOptions, id: string): Promise<Problem[]> {
  let exercise: Awaited<ReturnType<Grader['exercise']>>;
  try {
    exercise = await options.grader.exercise(id);
  } catch (error) {
    // verifyExercise reports it.
    if (error instanceof ContentError) return [];
    throw error;
  }
  const trusted = connectTrusted(options.sandbox.address);
  try {
    await resetSandbox(trusted);
  } finally {
    trusted.disconnect();
  }
  const ran = await options.grader.runOnce(id, exercise.solution, options.sandbox.address);
  return ran.calls
    .filter((call) => MISSING_EXPORT.test(call.error ?? ''))
    .map((call) => ({
      file: `exercises/${id}/exercise.md`,
      message: `run: calls ${call.call}, which the reference solution does not export`,
    }));
}

async function verifyExercise(
  { courseDir, grader }: VerifyOptions,
  id: string,
  lesson: Lesson,
): Promise<Problem[]> {
  const folder = `exercises/${id}`;
  let exercise: Awaited<ReturnType<Grader['exercise']>>;
  try {
    exercise = await grader.exercise(id);
  } catch (error) {
    if (error instanceof UnknownExerciseError) {
      const text = await readFile(join(courseDir, lesson.file), 'utf8');
      const index = text.split('\n').findIndex((line) => line.trim() === `- ${id}`);
      return [
        {
          file: lesson.file,
          ...(index === -1 ? {} : { line: index + 1 }),
          message: `names exercise ${id}, but ${folder}/ has no exercise.md`,
        },
      ];
    }
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
  const grade = async (source: string) => {
    try {
      return await grader.grade(id, source);
    } catch (error) {
      if (error instanceof ContentError) problems.push(problemOf(error, folder));
      else throw error;
      return undefined;
    }
  };

  for (let run = 1; run <= SOLUTION_RUNS; run++) {
    const result = await grade(exercise.solution);
    if (!result) return problems;
    if (result.status !== 'pass') {
      const broken = brokenCheck(result, folder);
      // Every other grading meets the same broken check: its problems would only be noise.
      if (broken) return [...problems, broken];
      problems.push({
        file: `${folder}/solution.ts`,
        message: `run ${run} of ${SOLUTION_RUNS} did not pass: ${describe(result)}`,
      });
      break;
    }
    if (run === 1 && result.checks.length < MIN_CHECKS) {
      problems.push({
        file: `${folder}/checks.ts`,
        message: `has ${result.checks.length} check(s): write at least ${MIN_CHECKS}`,
      });
    }
  }

  const starter = await grade(exercise.starter);
  if (starter && starter.status !== 'fail') {
    problems.push({
      file: `${folder}/starter.ts`,
      message: `must run and fail a check, but its result is ${starter.status}: ${describe(starter)}`,
    });
  }

  const wrongDir = join(courseDir, folder, 'wrong');
  const wrongFiles = (await readdir(wrongDir).catch(() => [])).filter((name) =>
    name.endsWith('.ts'),
  );
  if (wrongFiles.length < MIN_WRONG) {
    problems.push({
      file: `${folder}/wrong/`,
      message: `has ${wrongFiles.length} wrong solution(s): add at least ${MIN_WRONG} plausible mistakes, each starting with // fails: <check name>`,
    });
  }
  for (const name of wrongFiles.sort()) {
    const file = `${folder}/wrong/${name}`;
    const source = await readFile(join(wrongDir, name), 'utf8');
    const checkName = FAILS_HEADER.exec(source.split('\n', 1)[0] ?? '')?.[1];
    if (!checkName) {
      problems.push({
        file,
        line: 1,
        message: 'must start with // fails: <the name of the check it fails>',
      });
      continue;
    }
    const result = await grade(source);
    if (!result) continue;
    const check = result.checks.find((candidate) => candidate.name === checkName);
    if (!check) {
      problems.push({
        file,
        line: 1,
        message: `names the check "${checkName}", which the exercise does not have; its checks: ${result.checks.map((c) => `"${c.name}"`).join(', ') || describe(result)}`,
      });
    } else if (check.status !== 'fail') {
      problems.push({
        file,
        line: 1,
        message: `must fail the check "${checkName}", but it ${check.status === 'pass' ? 'passed' : `ended in ${check.status}: ${check.message ?? ''}`}`,
      });
    }
  }
  return problems;
}

/**
 * A check that threw in the instructor's own code names its line of checks.ts: the problem is
 * there, not in the solution that met it.
 */
function brokenCheck(result: GradeResult, folder: string): Problem | undefined {
  for (const check of result.checks) {
    const at = CHECK_CRASH_LOCATION.exec(check.message ?? '');
    if (check.status === 'error' && at?.[1] === `${folder}/checks.ts`) {
      return {
        file: at[1],
        line: Number(at[2]),
        message: `the check "${check.name}" throws: ${check.message?.slice(0, at.index).trim()}`,
      };
    }
  }
  return undefined;
}

function describe(result: {
  status: string;
  message?: string;
  checks: { name: string; status: string; message?: string }[];
}): string {
  if (result.status === 'pass') return 'every check passed';
  const failing = result.checks.find((check) => check.status !== 'pass');
  if (failing) return `"${failing.name}": ${failing.message ?? failing.status}`;
  return result.message ?? 'no check ran';
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
