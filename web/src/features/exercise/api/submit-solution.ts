import type { GradedSubmission, PendingGrading } from '../../../../../contracts/index.ts';
import { ApiError, apiResponse } from '../../../lib/api-client.ts';

/** Polls that may fail in a row (the server restarting, say) before the learner is told. */
const POLL_FAILURES_ALLOWED = 5;
/** How long the page keeps asking; the result is recorded all the same, and shows on return. */
const POLL_FOR_MS = 10 * 60_000;

export interface SubmitOptions {
  /** Told what to show while the graders are busy. */
  onPending?: (pending: PendingGrading) => void;
  /** Stops asking (the page is left). */
  signal?: AbortSignal;
}

/**
 * Grades the learner's code. The server answers the result and the progress it made (200), or,
 * when its graders are busy (queue mode), 202 with where to ask for them: asked again as its
 * Retry-After says, until they are there.
 */
export async function submitSolution(
  id: string,
  source: string,
  { onPending = () => {}, signal }: SubmitOptions = {},
): Promise<GradedSubmission> {
  let response = await apiResponse(`/exercises/${encodeURIComponent(id)}/submissions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ source }),
    signal,
  });
  let failures = 0;
  const deadline = Date.now() + POLL_FOR_MS;
  while (response.status === 202) {
    const pending = (await response.json()) as PendingGrading;
    onPending(pending);
    let waitMs = retryAfterMs(response.headers.get('Retry-After'));
    for (;;) {
      await pause(waitMs, signal);
      if (Date.now() > deadline) {
        throw new ApiError(
          0,
          'Your submission is still waiting for a grader. Its result will be in your submissions once it is graded.',
        );
      }
      try {
        response = await apiResponse(pending.poll.replace(/^\/api/, ''), { signal });
        failures = 0;
        break;
      } catch (error) {
        // Asking again helps only when the server was away or busy; a refusal is final.
        const passing = error instanceof ApiError && [0, 429, 503].includes(error.status);
        if (signal?.aborted || !passing || ++failures > POLL_FAILURES_ALLOWED) throw error;
        waitMs = (error.retryAfter ?? 1) * 1000;
      }
    }
  }
  return (await response.json()) as GradedSubmission;
}

function retryAfterMs(header: string | null): number {
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, 10) * 1000 : 1000;
}

/** Waits `ms`, or throws as soon as `signal` aborts. */
function pause(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(signal.reason);
    });
  });
}
