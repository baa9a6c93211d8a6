// The one contract between the grader and everything that consumes it (server, CLI, worker).
// Documented for outsiders by grade-result.schema.json; the tests validate results against it.

export const RESULT_VERSION = 1;

export type Status = 'pass' | 'fail' | 'error';

/** How the message of a check that never ran starts (its sandbox was lost before its turn). */
export const NOT_RUN = 'not run: ';

export interface Usage {
  /** Commands the learner's code sent to Redis. */
  commands: number;
  /** Redis memory in use when the run ended. */
  redisMemoryBytes: number;
  /** CPU time the learner's code used inside its isolate. */
  cpuMs: number;
}

export interface CheckResult {
  name: string;
  status: Status;
  message?: string;
  expected?: string;
  actual?: string;
  /** What the learner's code printed during this check, capped. */
  output?: string;
  durationMs: number;
}

export interface GradeResult {
  version: typeof RESULT_VERSION;
  exercise: string;
  status: Status;
  message?: string;
  durationMs: number;
  checks: CheckResult[];
  usage: Usage;
}

/** Any error wins, then any failure; otherwise a pass. */
export function worstStatus(statuses: readonly Status[]): Status {
  if (statuses.includes('error')) return 'error';
  if (statuses.includes('fail')) return 'fail';
  return 'pass';
}

/** The run's status from its checks; a run in which no check ran is an error, never a pass. */
export function overallStatus(checks: readonly CheckResult[]): Status {
  return checks.length === 0 ? 'error' : worstStatus(checks.map((check) => check.status));
}

/** A run that ended before any check could report, e.g. its worker crashed or was stopped. */
export function errorResult(exercise: string, message: string, durationMs: number): GradeResult {
  return {
    version: RESULT_VERSION,
    exercise,
    status: 'error',
    message,
    durationMs,
    checks: [],
    usage: { commands: 0, redisMemoryBytes: 0, cpuMs: 0 },
  };
}
