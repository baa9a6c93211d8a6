// Every error Keyspace tells anyone about, by the code a program reads: what the server answers
// with (HTTP status, Retry-After) and what the CLI exits with. Each error class names its code;
// the server's error middleware and the CLI read this table, and nothing else maps errors.
import { EXIT } from './cli/exit-codes.ts';

export interface CatalogueEntry {
  status: number;
  /** One of SPEC's: content 3, usage 64, internal 70 (0 to 2 are a grading's own statuses). */
  exit: (typeof EXIT)['content' | 'usage' | 'internal'];
  /**
   * The answer says when trying again has a chance (Retry-After): after these seconds, unless the
   * error names its own; `'own'` when each error does.
   */
  retryAfter?: number | 'own';
}

// The CLI meets few of these; for the others, a refused request is the caller's to mend (usage),
// a server that cannot serve now is not (internal).
const entries = {
  // What the CLI is told: a mistake in how it was called, a course that cannot be used.
  usage: { status: 400, exit: EXIT.usage },
  broken_content: { status: 500, exit: EXIT.content },
  internal: { status: 500, exit: EXIT.internal },
  // The request itself.
  bad_request: { status: 400, exit: EXIT.usage },
  bad_json: { status: 400, exit: EXIT.usage },
  unauthorized: { status: 401, exit: EXIT.usage },
  signed_out: { status: 401, exit: EXIT.usage },
  hints_locked: { status: 403, exit: EXIT.usage },
  solution_locked: { status: 403, exit: EXIT.usage },
  not_found: { status: 404, exit: EXIT.usage },
  unknown_recovery_code: { status: 404, exit: EXIT.usage },
  not_a_string: { status: 409, exit: EXIT.usage },
  lesson_changed: { status: 409, exit: EXIT.usage },
  too_large: { status: 413, exit: EXIT.usage },
  value_too_large: { status: 413, exit: EXIT.usage },
  unsupported_media_type: { status: 415, exit: EXIT.usage },
  args_do_not_fit: { status: 422, exit: EXIT.usage },
  // Too much at once: the caller waits, then tries again.
  rate_limited: { status: 429, exit: EXIT.usage, retryAfter: 'own' },
  too_many_waiting: { status: 429, exit: EXIT.usage, retryAfter: 5 },
  // The server cannot serve now, through no fault of the caller's.
  graders_busy: { status: 503, exit: EXIT.internal, retryAfter: 'own' },
  queue_full: { status: 503, exit: EXIT.internal, retryAfter: 5 },
  sandboxes_full: { status: 503, exit: EXIT.internal, retryAfter: 60 },
  state_unavailable: { status: 503, exit: EXIT.internal, retryAfter: 5 },
} satisfies Record<string, CatalogueEntry>;

export type ErrorCode = keyof typeof entries;

export const ERROR_CATALOGUE: Readonly<Record<ErrorCode, CatalogueEntry>> = entries;

/** An error that names its entry in the catalogue, and may say when to try again. */
export interface CataloguedError extends Error {
  readonly code: ErrorCode;
  /** Seconds, for a code whose entry carries Retry-After. */
  readonly retryAfter?: number;
}

/** Whether the error is one of ours: its `code` is in the catalogue (Node's own are not). */
export function isCatalogued(error: unknown): error is CataloguedError {
  if (!(error instanceof Error) || !('code' in error)) return false;
  return typeof error.code === 'string' && Object.hasOwn(ERROR_CATALOGUE, error.code);
}

/** The seconds of the Retry-After an error's answer carries, if its entry carries one. */
export function retryAfterOf(error: CataloguedError): number | undefined {
  const { retryAfter } = ERROR_CATALOGUE[error.code];
  if (retryAfter === undefined) return undefined;
  return error.retryAfter ?? (retryAfter === 'own' ? undefined : retryAfter);
}
