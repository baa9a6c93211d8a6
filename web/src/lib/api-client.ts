/** An answer from the API that was not a success, with the server's own message. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    /** The server's `error` code, e.g. `console_ended`. */
    readonly code?: string,
  ) {
    super(message);
  }
}

/** JSON over fetch; errors become ApiError with the server's `{ message }`, or say why not. */
export async function api<T>(path: string, init?: RequestInit): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/api${path}`, init);
  } catch {
    throw new ApiError(0, 'The Keyspace server cannot be reached. Is it still running?');
  }
  const body = (await response.json().catch(() => undefined)) as
    | { error?: string; message?: string }
    | undefined;
  if (!response.ok) {
    throw new ApiError(
      response.status,
      body?.message ?? `The server answered ${response.status}.`,
      body?.error,
    );
  }
  return body as T;
}
