import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { ContentError, UnknownExerciseError } from '../errors.ts';
import type { RunLimits } from '../runner/limits.ts';
import type { RunCall } from '../runner/run-once.ts';
import { parseFrontMatter } from './front-matter.ts';
import { RunSetup } from './run-setup.ts';

export const EXERCISE_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
/** The id `verify --mutants` prints beside each mutant, stable from run to run. */
export const MUTANT_ID = /^[0-9a-f]{8}$/;

const Limits = z
  .object({
    memoryMb: z.number().int().positive(),
    callTimeoutMs: z.number().int().positive(),
    checkTimeoutMs: z.number().int().positive(),
    cpuMs: z.number().int().positive(),
    outputChars: z.number().int().positive(),
    maxCommands: z.number().int().positive(),
    maxTransferMb: z.number().int().positive().max(1024),
    redisMemoryMb: z.number().int().positive(),
    maxValueMb: z.number().int().positive().max(512),
  })
  .partial()
  .strict();

const ScenarioCall = z
  .object({
    call: z.string().regex(/^[A-Za-z_$][\w$]*$/, "must name an export of the learner's module"),
    args: z.array(z.unknown()).default([]),
  })
  .strict();

/** A mutant of solution.ts that behaves as the solution does: no check could ever kill it. */
const EquivalentMutant = z
  .object({
    id: z
      .string()
      .regex(MUTANT_ID, 'must be the 8-character id that `keyspace verify --mutants` prints'),
    reason: z.string().min(1, 'say why no check can tell this mutant from the solution'),
  })
  .strict();

const ExerciseFrontMatter = z.object({
  title: z.string().min(1),
  hints: z.array(z.string().min(1)).min(1),
  /** Raises (or lowers) the grader's default limits for this exercise only. */
  limits: Limits.default({}),
  /** What Run calls, in order; `$redis` among the arguments is the learner's client. */
  run: z.array(ScenarioCall).min(1),
  /** What Redis holds before Run's calls: commands sent as the learner, e.g. `[HSET, h, f, v]`. */
  setup: RunSetup,
  /** Mutants `verify --mutants` leaves out of the score, each with the reason. */
  equivalentMutants: z
    .array(EquivalentMutant)
    .default([])
    .refine((listed) => new Set(listed.map(({ id }) => id)).size === listed.length, {
      message: 'lists the same mutant id twice',
    }),
});

/** Everything about one exercise folder, read once; the grader never special-cases an exercise. */
export interface Exercise {
  id: string;
  title: string;
  /** The statement in Markdown, with the signatures the learner must export. */
  statement: string;
  hints: string[];
  starter: string;
  solution: string;
  /** Absolute path of checks.ts, imported only by the trusted grader worker. */
  checksPath: string;
  /** Absolute path of fixtures/, which learner code may read and nothing else. */
  fixturesDir: string;
  /** This exercise's own limits, over the grader's defaults. */
  limits: Partial<RunLimits>;
  /** The calls Run makes, in order, against the learner's own sandbox. */
  run: RunCall[];
  /** Redis commands, as their words, sent before Run's calls so that they have data to work on. */
  setup: string[][];
  /** Mutants of the solution that no check can kill, by id, with the reason. */
  equivalentMutants: { id: string; reason: string }[];
}

export async function loadExercise(courseDir: string, id: string): Promise<Exercise> {
  if (!EXERCISE_ID.test(id)) throw new UnknownExerciseError(id);
  const dir = join(courseDir, 'exercises', id);
  const read = async (name: string) => {
    try {
      return await readFile(join(dir, name), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      if (name === 'exercise.md') throw new UnknownExerciseError(id);
      throw new ContentError('is missing', { file: `exercises/${id}/${name}` });
    }
  };
  // exercise.md first: its absence alone means "no such exercise", whichever read would lose a race.
  const markdown = await read('exercise.md');
  const [starter, solution] = await Promise.all([
    read('starter.ts'),
    read('solution.ts'),
    read('checks.ts'),
  ]);
  const { data, body } = parseFrontMatter(
    markdown,
    ExerciseFrontMatter,
    `exercises/${id}/exercise.md`,
  );
  return {
    id,
    title: data.title,
    statement: body.trim(),
    hints: data.hints,
    starter,
    solution,
    checksPath: join(dir, 'checks.ts'),
    fixturesDir: join(dir, 'fixtures'),
    limits: data.limits,
    run: data.run,
    setup: data.setup,
    equivalentMutants: data.equivalentMutants,
  };
}
