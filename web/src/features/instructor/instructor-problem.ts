import { ApiError } from '../../lib/api-client.ts';

/**
 * What went wrong, said for an instructor, and whether the token must be asked for again: a
 * wrong token, or a server whose view is off, cannot be fixed by trying the same token again.
 */
export function instructorProblem(error: Error): { message: string; askAgain: boolean } {
  const status = error instanceof ApiError ? error.status : undefined;
  if (status === 401) {
    return {
      message:
        'That is not the instructor token. Enter the value of KEYSPACE_INSTRUCTOR_TOKEN the server was started with.',
      askAgain: true,
    };
  }
  if (status === 404) {
    return {
      message:
        'The instructor view is off on this server: set KEYSPACE_INSTRUCTOR_TOKEN and restart it.',
      askAgain: true,
    };
  }
  if (status === 503) {
    return {
      message:
        'The server cannot reach its Redis just now, so the stats cannot be read. Try again in a few seconds.',
      askAgain: false,
    };
  }
  return { message: error.message, askAgain: false };
}
