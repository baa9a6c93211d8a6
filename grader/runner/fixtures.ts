import { readdirSync, readFileSync } from 'node:fs';
import { join, normalize, relative, sep } from 'node:path';

/** Enough names to spot a typo; a folder of thousands is not listed whole. */
const MAX_NAMES = 20;

/**
 * Read-only access to an exercise's fixtures/ folder. Learner code names a file as
 * `fixtures/cat.png` (or `./fixtures/cat.png`); anything that resolves outside the folder is refused.
 */
export function fixtureReader(fixturesDir: string): (path: string) => Uint8Array {
  return (path) => {
    const inFolder = normalize(path).replace(/^(\.\/)?fixtures\//, '');
    const resolved = join(fixturesDir, inFolder);
    if (!resolved.startsWith(fixturesDir + sep)) {
      throw new Error(
        `only files in this exercise's fixtures/ folder can be read, and '${path}' is not one`,
      );
    }
    try {
      return readFileSync(resolved);
    } catch {
      throw new Error(`ENOENT: no such fixture '${path}': ${whatIsThere(fixturesDir)}`);
    }
  };
}

/** The fixtures there are, by name (never a host path): the author or the learner sees the typo. */
function whatIsThere(fixturesDir: string): string {
  let names: string[];
  try {
    names = readdirSync(fixturesDir, { recursive: true, withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => relative(fixturesDir, join(entry.parentPath, entry.name)))
      .sort();
  } catch {
    return 'this exercise has no fixtures/ folder to read files from';
  }
  const shown = names.slice(0, MAX_NAMES).join(', ');
  const more = names.length > MAX_NAMES ? ` and ${names.length - MAX_NAMES} more` : '';
  return names.length === 0
    ? "the exercise's fixtures/ folder is empty"
    : `the exercise's fixtures/ folder holds ${shown}${more}`;
}
