import type { ErrorCode } from '../../grader/index.ts';

/** The app's Redis cannot be reached: the work may not be saved, and the learner should try again soon. */
export class StateUnavailableError extends Error {
  override name = 'StateUnavailableError';
  readonly code: ErrorCode = 'state_unavailable';
  constructor(cause: unknown) {
    super(
      'the server cannot reach its storage right now, so this may not have been saved: try again in a few seconds',
      { cause },
    );
  }
}
