import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEFAULT_COURSE_DIR } from '../grader.ts';
import { UsageError } from './exit-codes.ts';

/** Every command's `--course DIR`, as its usage text says it. */
export const COURSE_OPTION_USAGE = `  --course  the course folder, with lessons/ and exercises/ (default: KEYSPACE_COURSE,
            or this repository's own course)`;

/** The course folder as the user named it (`--course`, else KEYSPACE_COURSE), if they did. */
export function givenCourseDir(option: string | undefined): string | undefined {
  return option ?? (process.env.KEYSPACE_COURSE || undefined);
}

/**
 * The course folder a command works on: the one given, else the repository's own course. A
 * folder without lessons/ and exercises/ is refused before anything starts.
 */
export async function courseDirOption(option: string | undefined): Promise<string> {
  const given = givenCourseDir(option);
  if (given === undefined) return DEFAULT_COURSE_DIR;
  const dir = resolve(given);
  for (const part of ['lessons', 'exercises']) {
    const found = await stat(resolve(dir, part)).catch(() => undefined);
    if (!found?.isDirectory()) {
      throw new UsageError(
        `${given} is not a course folder: it has no ${part}/ folder (a course has lessons/ and exercises/; \`keyspace new lesson <slug> --course ${given}\` starts one)`,
      );
    }
  }
  return dir;
}
