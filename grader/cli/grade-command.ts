import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_SEED } from '../checks/random.ts';
import { loadExercise } from '../content/exercise.ts';
import { FORMATS } from '../result/formats.ts';
import { worstStatus } from '../result/grade-result.ts';
import { batchCommand } from './batch-command.ts';
import { COURSE_OPTION_USAGE, courseDirOption } from './course-option.ts';
import { exitCodeFor, UsageError } from './exit-codes.ts';
import { gradable, gradeAll, type Submission, shownName } from './grade-files.ts';
import { integerSetting } from './integer-setting.ts';
import {
  formatName,
  parseReports,
  prepareFiles,
  type Report,
  writeReports,
} from './report-outputs.ts';

export const GRADE_USAGE = `Usage: keyspace grade <exercise> <file.ts>... [options]
       keyspace grade <exercise>.ts... [options]
       keyspace grade --batch <dir> [--subdir PATH] [--out DIR] [options]

Grades submissions: every file as <exercise>; or each file as the exercise its name names
(solutions/set-and-get.ts as set-and-get); or, with --batch, <dir>/<learner>/<exercise>.ts
for every learner into gradebook.csv and gradebook.json (points per exercise and in total).
A file named after no exercise of the course is not graded: a warning says so.

Options:
  --format F        the report on standard output (default: pretty on a terminal, json
                    otherwise); F is one of ${Object.keys(FORMATS).join(', ')}
  --out PATH        write that report to the file PATH instead; with --batch, the folder of
                    the gradebook (default: the current one), made if missing
  --report F=PATH   also write a report in format F to the file PATH, from the same grading;
                    repeat it for more (e.g. --report junit=reports/junit.xml)
  --seed N          the seed of the checks' random data, to replay a grading verify reported
  --subdir PATH     with --batch: each learner's files are in <dir>/<learner>/PATH/ (e.g.
                    solutions, in repositories cloned by gh classroom clone student-repos)
${COURSE_OPTION_USAGE}

Exit codes: 0 every check passed, 1 a check failed, 2 the code could not run, 3 the exercise
is broken, 64 a usage error, 70 an internal error; with several files the worst one decides.
--batch exits 0 once its gradebook and reports are written, whatever the learners' results.`;

export async function gradeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      report: { type: 'string', multiple: true },
      seed: { type: 'string' },
      batch: { type: 'string' },
      subdir: { type: 'string' },
      course: { type: 'string' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(`${GRADE_USAGE}\n`);
    return 0;
  }
  const reports = parseReports(values.report ?? []);
  const seed =
    values.seed === undefined ? undefined : integerSetting('--seed', values.seed, 0, MAX_SEED);
  if (values.batch !== undefined) {
    if (positionals.length > 0) {
      throw new UsageError(`--batch grades the folder it names: give no files besides it`);
    }
    return batchCommand({
      dir: values.batch,
      subdir: values.subdir,
      outDir: values.out ?? '.',
      reports: values.format ? [{ format: formatName(values.format) }, ...reports] : reports,
      seed,
      courseDir: await courseDirOption(values.course),
    });
  }
  if (values.subdir !== undefined) throw new UsageError('--subdir goes with --batch');
  const all: Report[] = [
    {
      format: formatName(
        values.format ?? (process.stdout.isTTY && !values.out ? 'pretty' : 'json'),
      ),
      path: values.out,
    },
    ...reports,
  ];
  const courseDir = await courseDirOption(values.course);
  const { exercise, asked } = submissionsOf(positionals);
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
function submissionsOf(positionals: readonly string[]): {
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
