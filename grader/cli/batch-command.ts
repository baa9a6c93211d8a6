import { readdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { loadExercise } from '../content/exercise.ts';
import { UnknownExerciseError } from '../errors.ts';
import { Grader } from '../grader.ts';
import { type BatchEntry, buildGradebook, countStatus, gradebookCsv } from '../result/gradebook.ts';
import { UsageError } from './exit-codes.ts';

interface Submission {
  learner: string;
  exercise: string;
  path: string;
}

/**
 * `keyspace grade --batch <dir>`: grades <dir>/<learner>/<exercise>.ts for every learner, in
 * parallel across the cores, and writes gradebook.csv and gradebook.json. Exits 0 once the
 * gradebook is written, whatever the verdicts: a learner's failure is not the pipeline's.
 */
export async function batchCommand(
  dir: string,
  outDir: string,
  courseDir: string,
): Promise<number> {
  const submissions = await findSubmissions(dir);
  if (submissions.length === 0) {
    throw new UsageError(`no submissions in ${dir}: expected ${dir}/<learner>/<exercise>.ts files`);
  }
  const known = await knownExercises(courseDir, submissions);
  const progress = new Progress(submissions.length);
  const grader = await Grader.start({ courseDir, concurrency: availableParallelism() });
  let entries: BatchEntry[];
  try {
    entries = await Promise.all(
      submissions.map(async ({ learner, exercise, path }) => {
        const entry: BatchEntry = known.has(exercise)
          ? {
              learner,
              exercise,
              result: await grader.grade(exercise, await readFile(path, 'utf8'), {
                file: `${learner}/${exercise}.ts`,
              }),
            }
          : { learner, exercise, problem: `no exercise named '${exercise}'` };
        progress.tick();
        return entry;
      }),
    );
  } finally {
    progress.done();
    await grader.stop();
  }
  const gradebook = buildGradebook(entries);
  await writeFile(join(outDir, 'gradebook.json'), `${JSON.stringify(gradebook, null, 2)}\n`);
  await writeFile(join(outDir, 'gradebook.csv'), gradebookCsv(gradebook));
  const count = (status: 'pass' | 'fail' | 'error') => countStatus(entries, status);
  process.stdout.write(
    `Graded ${entries.length} submissions from ${gradebook.learners.length} learners: ` +
      `${count('pass')} pass, ${count('fail')} fail, ${count('error')} error. ` +
      `Wrote gradebook.csv and gradebook.json to ${outDir}.\n`,
  );
  return 0;
}

async function findSubmissions(dir: string): Promise<Submission[]> {
  const learners = await readdir(dir, { withFileTypes: true }).catch(() => {
    throw new UsageError(`cannot read the batch folder ${dir}`);
  });
  const found = await Promise.all(
    learners
      .filter((entry) => entry.isDirectory())
      .map(async ({ name: learner }) =>
        (await readdir(join(dir, learner)))
          .filter((file) => file.endsWith('.ts'))
          .map((file) => ({
            learner,
            exercise: basename(file, '.ts'),
            path: join(dir, learner, file),
          })),
      ),
  );
  return found.flat();
}

/** The exercise names that exist; a file named after none is reported in its cell, not fatal. */
async function knownExercises(
  courseDir: string,
  submissions: readonly Submission[],
): Promise<Set<string>> {
  const names = [...new Set(submissions.map((submission) => submission.exercise))];
  const known = new Set<string>();
  for (const name of names) {
    try {
      await loadExercise(courseDir, name);
      known.add(name);
    } catch (error) {
      if (!(error instanceof UnknownExerciseError)) throw error;
    }
  }
  return known;
}

/** A progress bar on a terminal (standard error); silent otherwise. */
class Progress {
  private graded = 0;
  private readonly tty = Boolean(process.stderr.isTTY);

  constructor(private readonly total: number) {
    this.draw();
  }

  tick(): void {
    this.graded += 1;
    this.draw();
  }

  done(): void {
    if (this.tty) process.stderr.write('\n');
  }

  private draw(): void {
    if (!this.tty) return;
    const width = 30;
    const filled = Math.round((this.graded / this.total) * width);
    process.stderr.write(
      `\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${this.graded}/${this.total} graded`,
    );
  }
}
