// Every message between the grader and a worker process. Nothing else crosses the channel.
import type { ContentLocation } from '../errors.ts';
import type { GradeResult } from '../result/grade-result.ts';
import type { RunJob, RunOnceResult } from '../runner/run-once.ts';
import type { GradeJob } from '../runner/run-submission.ts';

/** Work for a worker: grade a submission, or run it once in the learner's own sandbox. */
export type Job = { type: 'grade'; job: GradeJob } | { type: 'run-once'; job: RunJob };

export type ToWorker =
  | (Job & { id: number })
  /** Can this worker open a TCP connection to 127.0.0.1:port? It should not be able to. */
  | { type: 'probe-network'; id: number; port: number };

export type FromWorker =
  /** Started; `pid` is the worker's own (the process spawned may be `unshare` around it). */
  | { type: 'ready'; pid: number }
  /** A check of job `id` is starting: the job is alive, so its deadline starts over. */
  | { type: 'progress'; id: number }
  /** `sandboxLost`: the sandbox had to be shut down (a wedged script) and must be replaced. */
  | { type: 'graded'; id: number; result: GradeResult; sandboxLost: boolean }
  | { type: 'ran'; id: number; result: RunOnceResult }
  /** The exercise itself is broken (its checks do not load): the instructor's problem. */
  | { type: 'content-error'; id: number; detail: string; location?: ContentLocation }
  /** The worker failed for a reason of its own, not the learner's code. */
  | { type: 'failed'; id: number; message: string }
  | { type: 'network-probed'; id: number; reachable: boolean };
