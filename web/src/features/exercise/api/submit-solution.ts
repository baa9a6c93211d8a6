import { ApiError, apiResponse } from '../../../lib/api-client.ts';

export type Status = 'pass' | 'fail' | 'error';

/** The grader's result (grader/result/grade-result.schema.json). Its strings are learner data. */
export interface GradeResult {
  exercise: string;
  status: Status;
  message?: string;
  durationMs: number;
  checks: {
    name: string;
    status: Status;
    message?: string;
    expected?: string;
    actual?: string;
    output?: string;
    durationMs: number;
  }[];
}

/** A grading the server answers later (queue mode): where to ask, and what to say meanwhile. */
export interface GradingPending {
  id: string;
  state: 'queued' | 'running';
  poll: string;
  message: string;
}

/** Polls that may fail in a row (the server restarting, say) before the learner is told. */
const POLL_FAILURES_ALLOWED = 5;

/**
 * Grades the learner's code. The server answers the result (200), or, when its graders are
 * busy (queue mode), 202 with where to ask for it: asked again as its Retry-After says, until
 * the result is there. `onPending` hears what to show meanwhile.
 */
export async function submitSolution(
  id: string,
  source: string,
  onPending: (pending: GradingPending) => void = () => {},
): Promise<GradeResult> {
  let response = await apiResponse(`/exercises/${encodeURIComponent(id)}/submissions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ source }),
  });
  let failures = 0;
  while (response.status === 202) {
    const pending = (await response.json()) as GradingPending;
    onPending(pending);
    await new Promise((resolve) => setTimeout(resolve, pollDelayMs(response)));
    try {
      response = await apiResponse(pending.poll.replace(/^\/api/, ''));
      failures = 0;
    } catch (error) {
      if (!(error instanceof ApiError && error.transient) || ++failures > POLL_FAILURES_ALLOWED) {
        throw error;
      }
    }
  }
  return (await response.json()) as GradeResult;
}

function pollDelayMs(response: Response): number {
  const seconds = Number(response.headers.get('Retry-After'));
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 10) * 1000 : 1000;
}
