import { access } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { courseTemplate } from '../content/scaffold/course-template.ts';
import { UsageError } from './exit-codes.ts';
import { writeNewFiles } from './new-files.ts';

/** This Keyspace's own folder: what a new course installs unless told another. */
const KEYSPACE_ROOT = fileURLToPath(new URL('../..', import.meta.url)).replace(/\/$/, '');

/** `file:/home/ada/keyspace`: the copy of Keyspace running now, as npm installs a folder. */
export const THIS_KEYSPACE = `file:${KEYSPACE_ROOT}`;

/** The first lesson and exercise of a new course, which pass verify and lint as they are. */
export const FIRST_LESSON = 'getting-started';
export const FIRST_EXERCISE = 'remember-with-expiry';

/**
 * Writes the files that make `courseDir` a course of its own (package.json, tsconfig.json,
 * biome.json, .gitignore, the CI workflow), each only where the folder has none: a folder
 * that holds a package.json already keeps it. Returns the files made.
 */
export async function writeCourseFiles(courseDir: string, keyspace: string): Promise<string[]> {
  const files = courseTemplate(packageName(courseDir), keyspace);
  const absent: Record<string, string> = {};
  for (const [path, text] of Object.entries(files)) {
    if (!(await exists(join(courseDir, path)))) absent[path] = text;
  }
  await writeNewFiles(courseDir, absent);
  return Object.keys(absent);
}

/** Refuses a folder that is a course already: `keyspace new <dir>` starts one. */
export async function refuseCourse(courseDir: string, given: string): Promise<void> {
  if (await exists(join(courseDir, 'lessons'))) {
    throw new UsageError(
      `${given} is a course already (it has lessons/): add a lesson with \`keyspace new lesson <slug> --course ${given}\``,
    );
  }
}

/** The folder's name as npm takes a package's: `My Course` → `my-course`. */
function packageName(courseDir: string): string {
  const name = basename(courseDir)
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[-._]+|[-._]+$/g, '');
  return name || 'course';
}

function exists(path: string): Promise<boolean> {
  return access(path).then(
    () => true,
    () => false,
  );
}
