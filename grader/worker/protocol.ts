// Every message between the grader and a worker process. Nothing else crosses the channel.
import type { GradeResult } from '../result/grade-result.ts';
import type { GradeJob } from '../runner/run-submission.ts';

export type ToWorker = { type: 'grade'; id: number; job: GradeJob };

export type FromWorker =
  | { type: 'ready' }
  | { type: 'graded'; id: number; result: GradeResult }
  /** The exercise itself is broken (its checks do not load): the instructor's problem. */
  | { type: 'content-error'; id: number; message: string }
  /** The worker failed for a reason of its own, not the learner's code. */
  | { type: 'failed'; id: number; message: string };
