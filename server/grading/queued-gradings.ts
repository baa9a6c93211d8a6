import type { Logger } from 'pino';
import { type Grader, GraderError, resultOf } from '../../grader/index.ts';
import type { GradingMetrics } from '../../metrics/grading-metrics.ts';
import type { GradingQueue, GradingState } from '../../queue/index.ts';
import type { Asker } from '../identity/client-address.ts';
import { GRADING_KEPT_SECONDS } from '../progress/keys.ts';
import type { ProgressStore } from '../progress/progress-store.ts';
import type { Grading, Gradings } from './gradings.ts';

/**
 * Grades through the queue: the request waits up to `waitMs` for a worker's result, then answers
 * with the grading's id for the page to poll. Every result is recorded: by the request, the poll,
 * or the app that hears the job end (any app, whoever added it), and at start for the jobs that
 * ended while no app listened. The first records it; the others find it recorded.
 */
export class QueuedGradings implements Gradings {
  constructor(
    private readonly queue: GradingQueue,
    private readonly grader: Grader,
    private readonly progress: ProgressStore,
    private readonly metrics: GradingMetrics,
    private readonly waitMs: number,
    private readonly log: Logger,
  ) {
    queue.onFinished((id, state) => void this.record(id, state));
    void this.recordFinished();
  }

  async submit({ learner, address }: Asker, exerciseId: string, source: string): Promise<Grading> {
    // An unknown or broken exercise is refused here, as inline, not after a trip through a worker.
    await this.grader.checkGradable(exerciseId);
    const id = await this.queue.add({ exerciseId, source, learner, address });
    const state = await this.queue.wait(id, this.waitMs);
    if (!state) throw new GraderError(`grading ${id} went missing from the queue`);
    return this.settle(id, state);
  }

  async find(learner: string, id: string): Promise<Grading | undefined> {
    const recorded = await this.progress.recordedGrading(id);
    if (recorded) {
      if (recorded.learner !== learner) return undefined;
      // Asked again later: the progress as it stands now, other submissions since included.
      const progress = await this.progress.exercise(learner, recorded.result.exercise);
      return { state: 'graded', result: recorded.result, progress };
    }
    const state = await this.queue.find(id);
    if (!state || !recordable(state) || state.job.learner !== learner) return undefined;
    return this.settle(id, state);
  }

  /** A finished grading is recorded (once) and answered; one still on its way is said to be. */
  private async settle(id: string, state: GradingState): Promise<Grading> {
    if (state.state === 'failed') throw new GraderError(`the grading failed: ${state.message}`);
    if (state.state !== 'finished') return { state: state.state, id };
    const { job } = state;
    const result = resultOf(state.outcome);
    const { first, progress } = await this.progress.recordSubmission(
      job.learner,
      job.source,
      result,
      id,
    );
    if (first) this.metrics.graded(result.status, (Date.now() - state.addedAt) / 1000);
    return { state: 'graded', result, progress };
  }

  /** Records a job that ended, if it has a result to record; the request, if any, answers it. */
  private async record(id: string, state: GradingState): Promise<void> {
    try {
      await this.settle(id, state);
    } catch (error) {
      // A broken exercise or a failed job has no result to record; the request or poll says so.
      if (error instanceof GraderError) return;
      this.log.warn({ err: error, grading: id }, 'a grading could not be recorded yet');
    }
  }

  /** The jobs that ended while no app listened (the app was down): recorded now. */
  private async recordFinished(): Promise<void> {
    try {
      for (const id of await this.queue.finished()) {
        const state = await this.queue.find(id);
        if (state && recordable(state)) await this.record(id, state);
      }
    } catch (error) {
      this.log.warn(
        { err: error },
        'the gradings that ended while the app was away are not all recorded',
      );
    }
  }
}

/** A job older than its record's lifetime was recorded once already: never again. */
const recordable = (state: GradingState) =>
  Date.now() - state.addedAt <= GRADING_KEPT_SECONDS * 1000;
