import { ApiError } from '../../../lib/api-client.ts';
import { bearer } from './get-exercise-stats.ts';

const FILE_NAME = 'keyspace-exercise-stats.csv';

/**
 * Fetches the CSV with the token (a plain link could not send it) and hands it to the browser as
 * a download. Errors are ApiError, as api() throws them.
 */
export async function downloadStatsCsv(token: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch('/api/instructor/exercises.csv', { headers: bearer(token) });
  } catch {
    throw new ApiError(0, 'The Keyspace server cannot be reached. Is it still running?');
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => undefined)) as
      | { error?: string; message?: string }
      | undefined;
    throw new ApiError(
      response.status,
      body?.message ?? `The server answered ${response.status}.`,
      body?.error,
    );
  }
  const url = URL.createObjectURL(await response.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = FILE_NAME;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser reads the blob after the click returns: let it, then free it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
