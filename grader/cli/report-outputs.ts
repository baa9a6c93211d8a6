import { mkdir, open, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { FORMATS, type FormatName, isFormat } from '../result/formats.ts';
import type { GradedFile } from '../result/graded-file.ts';
import { UsageError } from './exit-codes.ts';

/** A report to write: in `format`, to the file `path`, or to standard output without one. */
export interface Report {
  format: FormatName;
  path?: string | undefined;
}

export function formatName(name: string): FormatName {
  if (!isFormat(name)) {
    throw new UsageError(`unknown format '${name}': use one of ${Object.keys(FORMATS).join(', ')}`);
  }
  return name;
}

/** The reports of `--report FORMAT=PATH`, each as given. */
export function parseReports(options: readonly string[]): Report[] {
  return options.map((option) => {
    const at = option.indexOf('=');
    if (at <= 0 || at === option.length - 1) {
      throw new UsageError(
        `--report takes FORMAT=PATH (e.g. --report junit=reports/junit.xml), not '${option}'`,
      );
    }
    return { format: formatName(option.slice(0, at)), path: option.slice(at + 1) };
  });
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
