// Every message between the grader and a worker process. Nothing else crosses the channel.
import type { Outcome } from '../outcome.ts';
import type { RunJob, RunOnceResult } from '../runner/run-once.ts';
import type { Graded, GradeJob } from '../runner/run-submission.ts';

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
  /** An outcome's error is the exercise's fault (its checks do not load): the instructor's. */
  | { type: 'graded'; id: number; outcome: Outcome<Graded> }
  | { type: 'ran'; id: number; outcome: Outcome<RunOnceResult> }
  /** The worker failed for a reason of its own, not the learner's code. */
  | { type: 'failed'; id: number; message: string }
  | { type: 'network-probed'; id: number; reachable: boolean };
