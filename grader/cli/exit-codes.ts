import type { ErrorCode } from '../error-catalogue.ts';
import type { Status } from '../result/grade-result.ts';

/** The exit codes a pipeline can act on (SPEC: CLI). */
export const EXIT = {
  pass: 0,
  fail: 1,
  error: 2,
  content: 3,
  usage: 64,
  internal: 70,
} as const;

export function exitCodeFor(status: Status): number {
  return EXIT[status];
}

/** A mistake in how the command was called: the message says how to call it instead. */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly code: ErrorCode = 'usage';
}
