import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_COURSE_DIR } from '../content/default-course.ts';
import { UsageError } from './exit-codes.ts';

/** Every command's `--course DIR`, as its usage text says it. */
export const COURSE_OPTION_USAGE = `  --course  the course folder, with lessons/ and exercises/ (default: KEYSPACE_COURSE,
            else the current folder if it is a course, else this repository's own course)`;

/** The course folder as the user named it (`--course`, else KEYSPACE_COURSE), if they did. */
export function givenCourseDir(option: string | undefined): string | undefined {
  return option ?? (process.env.KEYSPACE_COURSE || undefined);
}

/**
 * The course of a command given none: the current folder when it is one, so that `npx keyspace
 * verify` in a course made by `keyspace new` works on that course; else this repository's.
 */
export function defaultCourseDir(): string {
  const here = process.cwd();
  return isCourse(here) ? here : DEFAULT_COURSE_DIR;
}

/**
 * The course folder a command works on: the one given, else the default. A folder without
 * lessons/ and exercises/ is refused before anything starts.
 */
export async function courseDirOption(option: string | undefined): Promise<string> {
  const given = givenCourseDir(option);
  if (given === undefined) return defaultCourseDir();
  const dir = resolve(given);
  const missing = ['lessons', 'exercises'].find((part) => !isFolder(resolve(dir, part)));
  if (missing) {
    throw new UsageError(
      `${given} is not a course folder: it has no ${missing}/ folder (a course has lessons/ and exercises/; \`keyspace new ${given}\` starts one)`,
    );
  }
  return dir;
}

function isCourse(dir: string): boolean {
  return isFolder(resolve(dir, 'lessons')) && isFolder(resolve(dir, 'exercises'));
}

function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}
