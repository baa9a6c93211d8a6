/**
 * A submission still on its way to a grader (queue mode: the server answers 202 with it, and so
 * does `GET /api/gradings/:id` until the result is there): where to ask, and what to say meanwhile.
 */
export interface PendingGrading {
  id: string;
  state: 'queued' | 'running';
  /** The path to ask again, as often as the answer's Retry-After says. */
  poll: string;
  /** For the learner, while they wait. */
  message: string;
}
