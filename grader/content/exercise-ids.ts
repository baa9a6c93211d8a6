import { readdir } from 'node:fs/promises';
import { join } from 'node:path';

/** The exercises of a course folder: the folders of `exercises/`, sorted. */
export async function exerciseIds(courseDir: string): Promise<string[]> {
  const entries = await readdir(join(courseDir, 'exercises'), { withFileTypes: true }).catch(
    () => [],
  );
  return entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}
