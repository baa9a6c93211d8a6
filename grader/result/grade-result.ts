// What the grader makes of its one contract (contracts/grade-result.ts), with the names the grader
// knows it by. Documented for outsiders by grade-result.schema.json; the tests validate results
// against it.

import type {
  CheckResult,
  CodeLocation,
  GradeResult,
  Reason,
  Score,
  Status,
} from '../../contracts/index.ts';

export type {
  CheckResult,
  CodeLocation as Location,
  GradeResult,
  KeyRow,
  Reason,
  RedisActivity,
  Score,
  SentCommand,
  Status,
  Usage,
} from '../../contracts/index.ts';

export const RESULT_VERSION: GradeResult['version'] = 2;

/** `file:line:column`, as terminals, editors and CI logs open it. */
export function place({ file, line, column }: CodeLocation): string {
  return `${file}:${line}${column === undefined ? '' : `:${column}`}`;
}

/** What a check is worth when checks.ts gives it no `points`: every check alike. */
export const DEFAULT_POINTS = 1;

export function pointsOf(check: Pick<CheckResult, 'points'>): number {
  return check.points ?? DEFAULT_POINTS;
}

/** Sums of points as people write them: 0.1 + 0.2 is 0.3, not 0.30000000000000004. */
export function roundPoints(points: number): number {
  return Math.round(points * 1000) / 1000;
}

/** The score of `checks`, of `possible`: checks that did not run (a grading ended short) earn nothing. */
export function scoreOf(checks: readonly CheckResult[], possible: number): Score {
  const earned = checks.reduce(
    (sum, check) => (check.status === 'pass' ? sum + pointsOf(check) : sum),
    0,
  );
  return { points: roundPoints(earned), of: roundPoints(possible) };
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
export function errorResult(
  exercise: string,
  message: string,
  durationMs: number,
  reason: Reason = 'grader-stopped',
): GradeResult {
  return {
    version: RESULT_VERSION,
    exercise,
    status: 'error',
    reason,
    message,
    durationMs,
    checks: [],
    usage: { commands: 0, redisMemoryBytes: 0, cpuMs: 0 },
  };
}
