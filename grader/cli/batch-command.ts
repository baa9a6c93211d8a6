import { readdir, readFile, writeFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { basename, join } from 'node:path';
import { loadLessons } from '../content/course.ts';
import { buildGradebook, countStatus, gradebookCsv } from '../result/gradebook.ts';
import type { GradedFile } from '../result/graded-file.ts';
import { UsageError } from './exit-codes.ts';
import { gradable, gradeAll, type Submission, shownName } from './grade-files.ts';
import { prepareFiles, type Report, writeReports } from './report-outputs.ts';
import { warn } from './run-cli.ts';

interface LearnerSubmission extends Submission {
  learner: string;
}

export interface BatchOptions {
  /** The class folder: one folder per learner. */
  dir: string;
  /** Where each learner's files lie inside their folder, if not at its top. */
  subdir: string | undefined;
  /** Where gradebook.csv and gradebook.json go. */
  outDir: string;
  reports: readonly Report[];
  seed: number | undefined;
  courseDir: string;
}

/**
 * `keyspace grade --batch <dir>`: grades <dir>/<learner>/[<subdir>/]<exercise>.ts for every
 * learner, in parallel across the cores, and writes gradebook.csv, gradebook.json and the reports
 * asked for, all from the same grading. Exits 0 once they are written, whatever the verdicts: a
 * learner's failure is not the pipeline's.
 */
export async function batchCommand({
  dir,
  subdir,
  outDir,
  reports,
  seed,
  courseDir,
}: BatchOptions): Promise<number> {
  const found = await findSubmissions(dir, subdir);
  if (found.length === 0) {
    throw new UsageError(
      `no submissions in ${dir}: expected ${join(dir, '<learner>', subdir ?? '', '<exercise>.ts')} files`,
    );
  }
  const submissions = await gradable(courseDir, found);
  if (submissions.length === 0) {
    throw new UsageError(`no file in ${dir} names an exercise of the course`);
  }
  const gradebookJson = join(outDir, 'gradebook.json');
  const gradebookCsvFile = join(outDir, 'gradebook.csv');
  await prepareFiles([
    gradebookJson,
    gradebookCsvFile,
    ...reports.flatMap(({ path }) => (path ? [path] : [])),
  ]);
  const courseOrder = (await loadLessons(courseDir)).flatMap((lesson) => lesson.exercises);

  const progress = new Progress(submissions.length);
  let graded: GradedFile[];
  try {
    graded = await gradeAll(submissions, {
      courseDir,
      concurrency: availableParallelism(),
      seed,
      read: ({ path }) => readFile(path, 'utf8'),
      onGraded: () => progress.tick(),
    });
  } finally {
    progress.done();
  }
  const entries = submissions.map(({ learner, exercise }, index) => ({
    learner,
    exercise,
    // gradeAll answers in the order given.
    result: (graded[index] as GradedFile).result,
  }));
  const gradebook = buildGradebook(entries, courseOrder);
  await writeFile(gradebookJson, `${JSON.stringify(gradebook, null, 2)}\n`);
  await writeFile(gradebookCsvFile, gradebookCsv(gradebook));
  await writeReports(reports, graded);
  const count = (status: 'pass' | 'fail' | 'error') => countStatus(entries, status);
  // Beside the progress bar when a report takes standard output.
  const tally = reports.some(({ path }) => !path) ? process.stderr : process.stdout;
  tally.write(
    `Graded ${entries.length} submissions from ${gradebook.learners.length} learners: ` +
      `${count('pass')} pass, ${count('fail')} fail, ${count('error')} error. ` +
      `Wrote ${gradebookCsvFile} and ${gradebookJson}.\n`,
  );
  return 0;
}

async function findSubmissions(
  dir: string,
  subdir: string | undefined,
): Promise<LearnerSubmission[]> {
  const learners = await readdir(dir, { withFileTypes: true }).catch(() => {
    throw new UsageError(`cannot read the batch folder ${dir}`);
  });
  const found = await Promise.all(
    learners
      .filter((entry) => entry.isDirectory())
      .map(async ({ name: learner }) => {
        const folder = join(dir, learner, subdir ?? '');
        const files = await readdir(folder).catch(() => {
          warn(`${folder} is not a folder: nothing of ${learner}'s graded`);
          return [];
        });
        return files
          .filter((file) => file.endsWith('.ts'))
          .map((file) => ({
            learner,
            exercise: basename(file, '.ts'),
            path: join(folder, file),
            file: shownName(join(folder, file)),
          }));
      }),
  );
  return found.flat();
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
