/** The app's Redis cannot be reached: nothing was saved, and the learner should try again soon. */
export class StateUnavailableError extends Error {
  override name = 'StateUnavailableError';
  constructor(cause: unknown) {
    super(
      'the server cannot reach its storage right now, so nothing was saved: try again in a few seconds',
      { cause },
    );
  }
}
