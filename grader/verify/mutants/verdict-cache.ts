import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { type Environment, environmentVariable } from '../../settings/environment.ts';

/** What grading one mutant showed; a verdict of the solution itself is `survived` when it passes. */
export type Verdict =
  | { status: 'killed'; by: string }
  | { status: 'survived' }
  | { status: 'compile-error'; error: string };

/** Bumped when what a verdict means changes, so that older verdicts are not read. */
const FORMAT = 'keyspace-mutants/2';

/** `$XDG_CACHE_HOME/keyspace-mutants`, or beside keyspace's own dependencies. */
export function defaultCacheDir(environment?: Environment): string {
  const xdg = environmentVariable('XDG_CACHE_HOME', environment);
  if (xdg) return join(xdg, 'keyspace-mutants');
  return fileURLToPath(new URL('../../../node_modules/.cache/keyspace-mutants', import.meta.url));
}

/**
 * Verdicts by content: a mutant is graded again only when its source, or a file of its exercise
 * folder, changed. exercise.md counts by its limits only, so that listing an equivalent mutant or
 * rewording the statement keeps every verdict.
 */
export class VerdictCache {
  constructor(readonly dir: string) {}

  /** One key per exercise state, from which each mutant's is made. */
  static async exerciseKey(exerciseDir: string, limits: object): Promise<string> {
    const hash = createHash('sha256')
      .update(FORMAT)
      .update(ts.version)
      .update(JSON.stringify(limits));
    const entries = await readdir(exerciseDir, { recursive: true, withFileTypes: true });
    const files = entries
      .filter((entry) => entry.isFile())
      .map((entry) => relative(exerciseDir, join(entry.parentPath, entry.name)))
      .filter((path) => path !== 'exercise.md')
      .sort();
    for (const path of files) {
      hash.update(`\0${path}\0`).update(await readFile(join(exerciseDir, path)));
    }
    return hash.digest('hex');
  }

  static mutantKey(exerciseKey: string, source: string): string {
    return createHash('sha256').update(exerciseKey).update('\0').update(source).digest('hex');
  }

  async get(key: string): Promise<Verdict | undefined> {
    try {
      return JSON.parse(await readFile(this.path(key), 'utf8')) as Verdict;
    } catch (error) {
      // Not there yet, or cut short by a run that was stopped: grade it again.
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || error instanceof SyntaxError) {
        return undefined;
      }
      throw error;
    }
  }

  async set(key: string, verdict: Verdict): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    // Written aside then renamed: a reader never sees half a file.
    const partial = `${this.path(key)}.${process.pid}.partial`;
    await writeFile(partial, JSON.stringify(verdict));
    await rename(partial, this.path(key));
  }

  private path(key: string): string {
    return join(this.dir, `${key}.json`);
  }
}
