import { access } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { sameBlockOutput } from '../console/block-output.ts';
import { consoleEntry } from '../console/console-entry.ts';
import { runRedisCli } from '../console/redis-cli.ts';
import { type Lesson, loadLessons } from '../content/course.ts';
import { exerciseIds } from '../content/exercise-ids.ts';
import { lessonParts } from '../content/lesson-parts.ts';
import { problemOf } from '../content/problem.ts';
import { ContentError } from '../errors.ts';
import type { SandboxServer } from '../redis/sandbox-server.ts';
import { resetSandbox, SandboxLostError } from '../runner/reset-sandbox.ts';
import { connectTrusted } from '../runner/sandbox-connections.ts';
import { type ExerciseVerifyOptions, type Problem, verifyExercise } from './verify-exercise.ts';
import { verifyRunScenario } from './verify-run.ts';

export type { Problem } from './verify-exercise.ts';

/** A lesson's block may wait on a blocking command for a moment; never for long. */
const BLOCK_TIMEOUT_MS = 10_000;

export interface VerifyOptions extends ExerciseVerifyOptions {
  /** A sandbox for the lessons' runnable blocks, flushed before each lesson. */
  sandbox: SandboxServer;
  /** Told each lesson and exercise once it is checked, with how many problems it has (warnings aside). */
  onChecked?: (what: string, problems: number) => void;
  /**
   * Only these exercises (ids as `exerciseIds` lists them), every part of each: no lesson is
   * verified, nor whether every exercise belongs to one. The whole course by default.
   */
  only?: string[];
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
  const whole = options.only === undefined;
  if (whole) problems.push(...(await unnamedExercises(options.courseDir, named)));
  const ids = options.only ?? [...named.keys()];

  const [lessonProblems, exerciseProblems] = await Promise.all([
    inOrder<Lesson | string, Problem[]>([...(whole ? lessons : []), ...ids], async (item) => {
      if (typeof item === 'string') return verifyRunScenario(options.grader, options.sandbox, item);
      const found = await verifyLesson(options, item);
      options.onChecked?.(item.file, found.filter((problem) => !problem.warning).length);
      return found;
    }),
    Promise.all(
      ids.map(async (id) => {
        const found = await verifyExercise(options, id, named.get(id));
        options.onChecked?.(`exercises/${id}`, found.filter((problem) => !problem.warning).length);
        return found;
      }),
    ),
  ]);
  return [...(whole ? problems : []), ...lessonProblems.flat(), ...exerciseProblems.flat()];
}

/** Lessons and Run scenarios share one sandbox, so they take turns. */
async function inOrder<T, R>(items: T[], work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (const item of items) results.push(await work(item));
  return results;
}

async function unnamedExercises(courseDir: string, named: Map<string, Lesson>) {
  return (await exerciseIds(courseDir))
    .filter((id) => !named.has(id))
    .map((id) => ({
      file: `exercises/${id}`,
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
    const { refusal } = consoleEntry(block.commands);
    if (refusal) {
      problems.push({
        file: lesson.file,
        line: block.line,
        message: `the console refuses this block: ${refusal}`,
      });
      continue;
    }
    let output: string;
    let errors: string[];
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
      errors = printed.errors;
    } catch (error) {
      problems.push({ file: lesson.file, line: block.line, message: (error as Error).message });
      continue;
    }
    const failed = errors.map((message) => `(error) ${message}`);
    if (failed.length > 0) {
      problems.push({
        file: lesson.file,
        line: block.line,
        message: `a command of this block fails in the sandbox: ${failed.join('; ')}`,
      });
    }
    const expected = block.expected;
    if (expected && !sameBlockOutput(output, expected.text)) {
      problems.push({
        file: lesson.file,
        line: expected.line,
        message: `the output shown is not what Redis prints.\n  shown:\n${indent(expected.text)}\n  printed:\n${indent(output)}`,
      });
    }
  }
  return problems;
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `    ${line}`)
    .join('\n');
}
