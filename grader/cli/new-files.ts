import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type Lesson, loadLessons } from '../content/course.ts';

/** The lessons of a course folder, none when it has no lessons/ yet: `new` is how a course starts. */
export async function lessonsOf(courseDir: string): Promise<Lesson[]> {
  try {
    return await loadLessons(courseDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * Writes files under `dir`, by their paths inside it, in order. `wx` refuses a file that is
 * already there, so a folder made between our check and our write is never overwritten.
 */
export async function writeNewFiles(dir: string, files: Record<string, string>): Promise<void> {
  for (const [path, text] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), text, { flag: 'wx' });
  }
}
