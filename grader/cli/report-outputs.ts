import { mkdir, open, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { FormatName } from '../result/format-names.ts';
import { FORMATS } from '../result/formats.ts';
import type { GradedFile } from '../result/graded-file.ts';
import { UsageError } from './exit-codes.ts';

/** A report to write: in `format`, to the file `path`, or to standard output without one. */
export interface Report {
  format: FormatName;
  path?: string | undefined;
}

/**
 * Makes sure each file can be written before any grading starts, so that a typo costs seconds,
 * not a class's grading: its folder is made, and a path that is a folder, lies under a file or
 * is not writable is refused at once. Two reports to one file are refused too.
 */
export async function prepareFiles(paths: readonly string[]): Promise<void> {
  const seen = new Set<string>();
  for (const path of paths) {
    if (seen.has(resolve(path))) throw new UsageError(`two reports would be written to ${path}`);
    seen.add(resolve(path));
    try {
      await mkdir(dirname(path), { recursive: true });
      // Appending writes nothing: an earlier report stays whole until this one replaces it.
      await (await open(path, 'a')).close();
    } catch (error) {
      throw new UsageError(`cannot write ${path}: ${whyNot(error as NodeJS.ErrnoException)}`);
    }
  }
}

function whyNot(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'EISDIR':
      return 'it is a folder';
    case 'EEXIST':
    case 'ENOTDIR':
      return 'it, or a folder on its path, is a file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'the file system is read-only';
    default:
      return error.message;
  }
}

/** Writes every report from the same graded files: they cannot disagree. */
export async function writeReports(
  reports: readonly Report[],
  files: readonly GradedFile[],
): Promise<void> {
  for (const { format, path } of reports) {
    const text = FORMATS[format](files, { color: !path && Boolean(process.stdout.isTTY) });
    if (path) await writeFile(path, text);
    else process.stdout.write(text);
  }
}
