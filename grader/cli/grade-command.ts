import { readFile, writeFile } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { MAX_SEED } from '../checks/random.ts';
import { loadExercise } from '../content/exercise.ts';
import { Grader } from '../grader.ts';
import { FORMATS, isFormat } from '../result/formats.ts';
import { worstStatus } from '../result/grade-result.ts';
import type { GradedFile } from '../result/graded-file.ts';
import { batchCommand } from './batch-command.ts';
import { COURSE_OPTION_USAGE, courseDirOption } from './course-option.ts';
import { exitCodeFor, UsageError } from './exit-codes.ts';
import { integerSetting } from './integer-setting.ts';

export const GRADE_USAGE = `Usage: keyspace grade <exercise> <file.ts>... [--format F] [--out FILE] [--seed N] [--course DIR]
       keyspace grade --batch <dir> [--out DIR] [--course DIR]

Grades submissions and exits 0 when every check passes, 1 when a check fails,
2 when the code cannot run, 3 when the exercise is broken, 64 on a usage error.
  --format  pretty (default on a terminal), json (default otherwise), junit, tap, github
  --out     write the report to FILE instead of standard output
  --seed    the seed of the checks' random data, to replay a grading verify reported
  --batch   grade <dir>/<learner>/<exercise>.ts for every learner and exercise, and write
            gradebook.csv and gradebook.json to --out DIR (default: the current directory)
${COURSE_OPTION_USAGE}`;

export async function gradeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: {
      format: { type: 'string' },
      out: { type: 'string' },
      seed: { type: 'string' },
      batch: { type: 'string' },
      course: { type: 'string' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(`${GRADE_USAGE}\n`);
    return 0;
  }
  if (values.batch !== undefined) {
    if (positionals.length > 0 || values.format || values.seed !== undefined)
      throw new UsageError(GRADE_USAGE);
    return batchCommand(values.batch, values.out ?? '.', await courseDirOption(values.course));
  }
  const [exerciseId, ...files] = positionals;
  if (!exerciseId || files.length === 0) throw new UsageError(GRADE_USAGE);
  const format = values.format ?? (process.stdout.isTTY && !values.out ? 'pretty' : 'json');
  if (!isFormat(format)) {
    throw new UsageError(
      `unknown format '${format}': use one of ${Object.keys(FORMATS).join(', ')}`,
    );
  }
  const seed =
    values.seed === undefined ? undefined : integerSetting('--seed', values.seed, 0, MAX_SEED);
  const courseDir = await courseDirOption(values.course);
  const sources = await Promise.all(files.map(readSubmission));
  // A typo in the exercise name should not wait for sandboxes and workers to start.
  await loadExercise(courseDir, exerciseId);

  const grader = await Grader.start({ courseDir, concurrency: Math.min(files.length, 2) });
  let graded: GradedFile[];
  try {
    graded = await Promise.all(
      files.map(async (file, index) => ({
        file,
        result: await grader.grade(exerciseId, sources[index] ?? '', {
          seed,
          file: shownName(file),
        }),
      })),
    );
  } finally {
    await grader.stop();
  }
  const report = FORMATS[format](graded, { color: Boolean(process.stdout.isTTY) && !values.out });
  if (values.out) await writeFile(values.out, report);
  else process.stdout.write(report);
  return exitCodeFor(worstStatus(graded.map(({ result }) => result.status)));
}

/**
 * The submission's name in messages and annotations: its path from the current directory, as
 * CI annotations and editors resolve it, or as given when it lies outside.
 */
export function shownName(file: string): string {
  const fromHere = relative(process.cwd(), resolve(file));
  return fromHere.startsWith('..') || isAbsolute(fromHere) ? file : fromHere;
}

export function readSubmission(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(
      `cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`,
    );
  });
}
