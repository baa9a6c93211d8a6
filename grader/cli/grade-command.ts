import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { loadExercise } from '../content/exercise.ts';
import { DEFAULT_COURSE_DIR, Grader } from '../grader.ts';
import { FORMATS, isFormat } from '../result/formats.ts';
import { exitCodeFor, UsageError } from './exit-codes.ts';

export const GRADE_USAGE = `Usage: keyspace grade <exercise> <file.ts> [--format pretty|json]

Grades one submission and exits 0 when every check passes, 1 when a check fails,
2 when the code cannot run, 3 when the exercise is broken, 64 on a usage error.
--format defaults to pretty on a terminal and json otherwise.`;

export async function gradeCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    options: { format: { type: 'string' } },
    allowPositionals: true,
  });
  const [exerciseId, file, ...extra] = positionals;
  if (!exerciseId || !file || extra.length > 0) throw new UsageError(GRADE_USAGE);
  const format = values.format ?? (process.stdout.isTTY ? 'pretty' : 'json');
  if (!isFormat(format)) {
    throw new UsageError(
      `unknown format '${format}': use one of ${Object.keys(FORMATS).join(', ')}`,
    );
  }
  const source = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(
      `cannot read ${file}: ${error.code === 'ENOENT' ? 'no such file' : error.message}`,
    );
  });

  // A typo in the exercise name should not wait for sandboxes and workers to start.
  await loadExercise(DEFAULT_COURSE_DIR, exerciseId);
  const grader = await Grader.start();
  try {
    const result = await grader.grade(exerciseId, source);
    process.stdout.write(FORMATS[format](result, Boolean(process.stdout.isTTY)));
    return exitCodeFor(result.status);
  } finally {
    await grader.stop();
  }
}
