import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { worstStatus } from '../result/grade-result.ts';
import { readSettings } from '../settings/read-settings.ts';
import { commandUsage } from '../settings/usage.ts';
import { courseDirOption } from './course-option.ts';
import { exitCodeFor, UsageError } from './exit-codes.ts';
import type { Submission } from './grade-files.ts';
import { prepareFiles, type Report, writeReports } from './report-outputs.ts';

export const GRADE_USAGE = commandUsage('grade', {
  synopsis: [
    'keyspace grade <exercise> <file.ts>... [options]',
    'keyspace grade <exercise>.ts... [options]',
    'keyspace grade --batch <dir> [--subdir PATH] [--out DIR] [options]',
  ],
  about: `Grades submissions: every file as <exercise>; or each file as the exercise its name names
(solutions/set-and-get.ts as set-and-get); or, with --batch, <dir>/<learner>/<exercise>.ts
for every learner into gradebook.csv and gradebook.json (points per exercise and in total).
A file named after no exercise of the course is not graded: a warning says so.`,
  after: `Exit codes: 0 every check passed, 1 a check failed, 2 the code could not run, 3 the exercise
is broken, 64 a usage error, 70 an internal error; with several files the worst one decides.
--batch exits 0 once its gradebook and reports are written, whatever the learners' results.`,
});

export async function gradeCommand(argv: string[]): Promise<number> {
  const read = readSettings('grade', argv);
  if (read.help) {
    process.stdout.write(`${GRADE_USAGE}\n`);
    return 0;
  }
  const { settings, positionals } = read;
  const { seed, report: reports } = settings;
  if (settings.batch !== undefined) {
    if (positionals.length > 0) {
      throw new UsageError(`--batch grades the folder it names: give no files besides it`);
    }
    // The grader loads only once the arguments hold: --help and a usage error answer without it.
    const { batchCommand } = await import('./batch-command.ts');
    return batchCommand({
      dir: settings.batch,
      subdir: settings.subdir,
      outDir: settings.out ?? '.',
      reports: settings.format ? [{ format: settings.format }, ...reports] : reports,
      seed,
      courseDir: await courseDirOption(settings.course),
    });
  }
  if (settings.subdir !== undefined) throw new UsageError('--subdir goes with --batch');
  const all: Report[] = [
    {
      format: settings.format ?? (process.stdout.isTTY && !settings.out ? 'pretty' : 'json'),
      path: settings.out,
    },
    ...reports,
  ];
  const courseDir = await courseDirOption(settings.course);
  const [{ loadExercise }, { gradable, gradeAll, shownName }] = await Promise.all([
    import('../content/exercise.ts'),
    import('./grade-files.ts'),
  ]);
  const { exercise, asked } = submissionsOf(positionals, shownName);
  const sources = new Map(
    await Promise.all(asked.map(async ({ path }) => [path, await readSubmission(path)] as const)),
  );
  // A typo in an exercise's name should not wait for sandboxes and workers to start. The one
  // named on the command line must exist; a file's name that names none is a warning.
  if (exercise) await loadExercise(courseDir, exercise);
  const submissions = exercise ? asked : await gradable(courseDir, asked);
  if (submissions.length === 0) {
    throw new UsageError('nothing to grade: no file is named after an exercise of the course');
  }
  await prepareFiles(all.flatMap(({ path }) => (path ? [path] : [])));
  const graded = await gradeAll(submissions, {
    courseDir,
    concurrency: Math.min(submissions.length, 2),
    seed,
    read: async ({ path }) => sources.get(path) ?? '',
  });
  await writeReports(all, graded);
  return exitCodeFor(worstStatus(graded.map(({ result }) => result.status)));
}

/**
 * `<exercise> <file>...`: every file as that exercise. `<exercise>.ts...` (an exercise's id has
 * no dot, so the first argument tells the forms apart): each file as the one its name names.
 */
function submissionsOf(
  positionals: readonly string[],
  shownName: (path: string) => string,
): {
  exercise?: string;
  asked: Submission[];
} {
  const [first, ...rest] = positionals;
  if (first === undefined) throw new UsageError(GRADE_USAGE);
  if (!first.endsWith('.ts')) {
    if (rest.length === 0) throw new UsageError(GRADE_USAGE);
    return {
      exercise: first,
      asked: rest.map((path) => ({ exercise: first, path, file: shownName(path) })),
    };
  }
  const asked = positionals.map((path) => {
    if (!path.endsWith('.ts')) {
      throw new UsageError(
        `${path}: name every file <exercise>.ts, or give the exercise first (keyspace grade <exercise> <file.ts>...)`,
      );
    }
    return { exercise: basename(path, '.ts'), path, file: shownName(path) };
  });
  return { asked };
}

function readSubmission(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(
      `cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`,
    );
  });
}
