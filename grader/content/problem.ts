import type { ContentError } from '../errors.ts';

/** One thing wrong with the course, where an author can find it. */
export interface Problem {
  /** Relative to the course folder, e.g. `lessons/03-set-and-get.md`. */
  file: string;
  line?: number;
  message: string;
}

/** A content error as a problem: at its own location, or else in `file`. */
export function problemOf(error: ContentError, file: string): Problem {
  if (!error.location) return { file, message: error.detail };
  const { file: at, line } = error.location;
  return line === undefined
    ? { file: at, message: error.detail }
    : { file: at, line, message: error.detail };
}
