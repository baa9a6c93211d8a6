import { apiResponse } from '../../../lib/api-client.ts';
import { bearer } from './get-exercise-stats.ts';

const FILE_NAME = 'keyspace-exercise-stats.csv';

/**
 * Fetches the CSV with the token (a plain link could not send it) and hands it to the browser as
 * a download. Errors are ApiError, as api() throws them.
 */
export async function downloadStatsCsv(token: string): Promise<void> {
  const response = await apiResponse('/instructor/exercises.csv', { headers: bearer(token) });
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
