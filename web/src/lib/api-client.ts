import type { ContentProblem, ErrorBody } from '../../../contracts/index.ts';

/** An answer from the API that was not a success, with the server's own message. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    /** 0 when the server could not be reached at all. */
    readonly status: number,
    message: string,
    /** The server's `error` code, e.g. `rate_limited` or `state_unavailable`. */
    readonly code?: string,
    /** Seconds before asking again is worth it (a 429's Retry-After), when the server said. */
    readonly retryAfter?: number,
    /** For `broken_content`: the file, line and fault, when the server could place it. */
    readonly problem?: ContentProblem,
  ) {
    super(message);
  }

  /** Worth asking again later, unchanged: the server was away, busy or asked us to wait. */
  get transient(): boolean {
    return this.status === 0 || this.status === 429 || this.status >= 500;
  }
}

/** JSON over fetch; errors become ApiError with the server's `{ message }`, or say why not. */
export async function api<T>(path: string, init?: RequestInit): Promise<T> {
  const response = await apiResponse(path, init);
  // 204 and friends: nothing to read.
  return (await response.json().catch(() => undefined)) as T;
}

/** A successful answer, to read as the caller needs (a file, say); failures as `api` throws them. */
export async function apiResponse(path: string, init?: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, init);
  } catch {
    throw new ApiError(0, 'The Keyspace server cannot be reached. Is it still running?');
  }
  if (response.ok) return response;
  // A proxy's answer, or one from a server dying mid-way, may not be an ErrorBody: any field may be missing.
  const body = (await response.json().catch(() => undefined)) as Partial<ErrorBody> | undefined;
  const retryAfter = secondsToWait(response.headers.get('Retry-After'));
  const message = body?.message ?? `The server answered ${response.status}.`;
  throw new ApiError(
    response.status,
    // The server's own message usually says when to try again; if not, Retry-After does.
    retryAfter === undefined || /try again/i.test(message)
      ? message
      : `${message.replace(/[.!]?$/, '.')} ${whenToRetry(retryAfter)}`,
    body?.error,
    retryAfter,
    body?.problem,
  );
}

/** Retry-After holds either seconds or an HTTP date. */
function secondsToWait(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = /^\d+$/.test(header.trim())
    ? Number(header)
    : (Date.parse(header) - Date.now()) / 1000;
  return Number.isFinite(seconds) ? Math.max(1, Math.ceil(seconds)) : undefined;
}

function whenToRetry(seconds: number): string {
  if (seconds < 90) return `Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
  const at = new Date(Date.now() + seconds * 1000);
  return `Try again at ${at.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' })}.`;
}
