import { ReplyError } from 'ioredis';
import { CheckFailure } from '../checks/expect.ts';
import type { CheckResult, Location } from '../result/grade-result.ts';
import { LearnerCodeError } from './learner-isolate.ts';
import type { CommandBudget } from './redis-bridge.ts';
import { SANDBOX_STOPPED, sandboxGone } from './reset-sandbox.ts';

/** A check's result but its name and duration: how it ended, and why. */
export type Verdict = Omit<CheckResult, 'name' | 'durationMs'>;

/** Which exercise's checks.ts a grading ran, to point a check that crashed at its line. */
export interface ChecksFile {
  exerciseId: string;
  checksPath: string;
}

/** How a check ended, from what it threw: the learner's failure or error, or the check's own. */
export function judge(error: unknown, job: ChecksFile, budget: CommandBudget): Verdict {
  if (error instanceof CheckFailure) {
    return {
      status: 'fail',
      reason: error.detail?.reason ?? 'assertion',
      message: error.message,
      ...(error.expected === undefined ? {} : { expected: error.expected }),
      ...(error.actual === undefined ? {} : { actual: error.actual }),
      ...(error.detail?.location && { location: error.detail.location }),
    };
  }
  if (error instanceof LearnerCodeError) return learnerError(error, budget);
  // The grader's own read failed because the sandbox stopped under the learner's code.
  if (sandboxGone(error)) return { status: 'error', reason: 'limit', message: SANDBOX_STOPPED };
  // Learner code's own Redis errors arrive as LearnerCodeError; a reply error here answered the
  // grader's read, so the data the learner left is not what the check needs (e.g. WRONGTYPE).
  if (error instanceof ReplyError) {
    return {
      status: 'fail',
      reason: 'assertion',
      message: `Redis refused the check's read: ${(error as Error).message}`,
    };
  }
  const location = checksLine(error, job);
  return {
    status: 'error',
    reason: 'check-crashed',
    message: `the check could not finish: ${(error as Error).message}${location ? ` (${location.file}:${location.line})` : ''}`,
    ...(location && { location }),
  };
}

export function learnerError(error: LearnerCodeError, budget: CommandBudget): Verdict {
  // A limit is met inside learner code, which may catch its error and throw something else; the
  // byte limit may be met in the isolate, before the bytes cross, which tells the budget.
  const reason = budget.exhausted && error.reason === 'learner-error' ? 'limit' : error.reason;
  return {
    status: 'error',
    reason,
    message: error.message,
    ...(error.location && { location: error.location }),
  };
}

/**
 * Where in checks.ts the instructor's own code threw, as the course names it
 * (`exercises/<id>/checks.ts`, line 12), so that a broken check can be found at once.
 */
function checksLine(error: unknown, job: ChecksFile): Location | undefined {
  // Source-mapped frames name the file by its path; others by its URL, which contains the path.
  const frame = String((error as Error)?.stack ?? '')
    .split('\n')
    .find((line) => line.includes(job.checksPath));
  const line = frame && /:(\d+):\d+\)?$/.exec(frame)?.[1];
  return line ? { file: `exercises/${job.exerciseId}/checks.ts`, line: Number(line) } : undefined;
}
