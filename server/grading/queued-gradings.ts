import { ContentError, type Grader, GraderError } from '../../grader/index.ts';
import type { GradingMetrics } from '../../metrics/grading-metrics.ts';
import type { GradingQueue, GradingState } from '../../queue/index.ts';
import type { ProgressStore } from '../progress/progress-store.ts';
import type { Grading, Gradings } from './gradings.ts';

/** How long a grading answered 202 is still waited for, to record it even if no page asks. */
const BACKGROUND_WAIT_MS = 10 * 60_000;

/**
 * Grades through the queue: the request waits up to `waitMs` for a worker's result, then answers
 * with the grading's id for the page to poll. Whichever of the request, the background wait or
 * the poll sees the result first records it; the others find it recorded.
 */
export class QueuedGradings implements Gradings {
  constructor(
    private readonly queue: GradingQueue,
    private readonly grader: Grader,
    private readonly progress: ProgressStore,
    private readonly metrics: GradingMetrics,
    private readonly waitMs: number,
  ) {}

  async submit(learner: string, exerciseId: string, source: string): Promise<Grading> {
    // An unknown or broken exercise is refused here, as inline, not after a trip through a worker.
    await this.grader.exercise(exerciseId);
    const id = await this.queue.add({ exerciseId, source, learner });
    const state = await this.queue.wait(id, this.waitMs);
    if (!state) throw new GraderError(`grading ${id} went missing from the queue`);
    const grading = await this.settle(id, state);
    if (grading.state !== 'graded') {
      void this.queue
        .wait(id, BACKGROUND_WAIT_MS)
        .then((later) => later && this.settle(id, later))
        .catch(() => {
          // The page's poll records it then.
        });
    }
    return grading;
  }

  async find(learner: string, id: string): Promise<Grading | undefined> {
    const recorded = await this.progress.recordedGrading(id);
    if (recorded)
      return recorded.learner === learner
        ? { state: 'graded', result: recorded.result }
        : undefined;
    const state = await this.queue.find(id);
    if (!state || state.job.learner !== learner) return undefined;
    return this.settle(id, state);
  }

  /** A finished grading is recorded (once) and answered; one still on its way is said to be. */
  private async settle(id: string, state: GradingState): Promise<Grading> {
    if (state.state === 'failed') throw new GraderError(`the grading failed: ${state.message}`);
    if (state.state !== 'finished') return { state: state.state, id };
    const { outcome, job } = state;
    if (outcome.type === 'content-error') throw new ContentError(outcome.detail, outcome.location);
    const { first } = await this.progress.recordSubmission(
      job.learner,
      job.source,
      outcome.result,
      id,
    );
    if (first) this.metrics.graded(outcome.result.status, (Date.now() - state.addedAt) / 1000);
    return { state: 'graded', result: outcome.result };
  }
}
