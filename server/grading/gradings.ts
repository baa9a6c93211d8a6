import type { GradedSubmission } from '../../contracts/index.ts';
import type { Asker } from '../identity/client-address.ts';

/**
 * A submission's grading as the learner sees it: its result with the progress it made, or that it
 * is still on its way.
 */
export type Grading =
  | ({ state: 'graded' } & GradedSubmission)
  /** Queue mode, past the wait: the page asks again at GET /api/gradings/:id. */
  | { state: 'queued' | 'running'; id: string };

/**
 * How Submit is graded: in this process's own grader (inline, the default), or by `keyspace
 * worker` processes through the queue. Either way the result is recorded in the learner's
 * progress before it is answered.
 */
export interface Gradings {
  submit(asker: Asker, exerciseId: string, source: string): Promise<Grading>;
  /** A grading of this learner's by id; undefined for one that is not theirs, or unknown. */
  find(learner: string, id: string): Promise<Grading | undefined>;
}
