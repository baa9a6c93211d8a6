import { ERROR_CATALOGUE, type ErrorCode } from '../grader/index.ts';

/** An error with a message fit to show the client; its code's entry says the HTTP status. */
export class HttpError extends Error {
  override name = 'HttpError';
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    /** Seconds after which trying again has a chance (Retry-After), for a code that carries it. */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.status = ERROR_CATALOGUE[code].status;
  }
}

export const notFound = (message: string) => new HttpError('not_found', message);
export const badRequest = (message: string) => new HttpError('bad_request', message);
