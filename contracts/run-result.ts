// What Run (POST /api/console/runs) answers: the learner's code called once, without checks,
// against their own console sandbox. Every string in it is learner data.
import type { CodeLocation, Reason } from './grade-result.ts';

/** One call Run made: with what, and what it returned (as text) or threw, and where. */
export interface RunCallResult {
  call: string;
  /** The arguments as given, `"$redis"` standing for the client. */
  args: unknown[];
  returned?: string;
  error?: string;
  reason?: Reason;
  /** Where in the learner's file it threw, when a frame of theirs says so. */
  location?: CodeLocation;
}

/** What one Run did: each call with what it returned or threw, and what the code printed. */
export interface RunOnceResult {
  status: 'ok' | 'error';
  /** Why nothing could be called: a syntax error, a module that throws as it loads, a refused setup. */
  message?: string;
  /** Where that message points in the learner's file, when it does. */
  location?: CodeLocation;
  calls: RunCallResult[];
  output: string;
  durationMs: number;
}
