import { readFileSync } from 'node:fs';
import { join, normalize, sep } from 'node:path';

/**
 * Read-only access to an exercise's fixtures/ folder. Learner code names a file as
 * `fixtures/cat.png` (or `./fixtures/cat.png`); anything that resolves outside the folder is refused.
 */
export function fixtureReader(fixturesDir: string): (path: string) => Uint8Array {
  return (path) => {
    const relative = normalize(path).replace(/^(\.\/)?fixtures\//, '');
    const resolved = join(fixturesDir, relative);
    if (!resolved.startsWith(fixturesDir + sep)) {
      throw new Error(
        `only files in this exercise's fixtures/ folder can be read, and '${path}' is not one`,
      );
    }
    try {
      return readFileSync(resolved);
    } catch {
      throw new Error(
        `ENOENT: no such fixture '${path}' (files are read from the exercise's fixtures/ folder)`,
      );
    }
  };
}
