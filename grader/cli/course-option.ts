import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { DEFAULT_COURSE_DIR } from '../content/default-course.ts';
import { UsageError } from './exit-codes.ts';

/**
 * The course of a command given none: the current folder when it is one, so that `npx keyspace
 * verify` in a course made by `keyspace new` works on that course; else this repository's.
 */
export function defaultCourseDir(): string {
  const here = process.cwd();
  return isCourse(here) ? here : DEFAULT_COURSE_DIR;
}

/**
 * The course folder a command works on: the one given (`--course`, else KEYSPACE_COURSE: the
 * settings table's `course`), else the default. A folder without lessons/ and exercises/ is
 * refused before anything starts.
 */
export async function courseDirOption(given: string | undefined): Promise<string> {
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
