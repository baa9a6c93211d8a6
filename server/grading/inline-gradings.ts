import type { Grader } from '../../grader/index.ts';
import type { GradingMetrics } from '../../metrics/grading-metrics.ts';
import type { Asker } from '../identity/client-address.ts';
import type { ProgressStore } from '../progress/progress-store.ts';
import { type FairTurns, gradingHitLimit } from './fair-turns.ts';
import type { Grading, Gradings } from './gradings.ts';

/**
 * Grades in this process's grader, within the request, in the learner's fair turn (FairTurns):
 * a grading never outlives it.
 */
export class InlineGradings implements Gradings {
  constructor(
    private readonly grader: Grader,
    private readonly progress: ProgressStore,
    private readonly metrics: GradingMetrics,
    private readonly turns: FairTurns,
  ) {}

  async submit(asker: Asker, exerciseId: string, source: string): Promise<Grading> {
    // An unknown or broken exercise is refused now, without taking a turn at the grader.
    await this.grader.checkGradable(exerciseId);
    const started = performance.now();
    const result = await this.turns.run(
      asker,
      'grading',
      (lowPriority) => this.grader.grade(exerciseId, source, { lowPriority }),
      gradingHitLimit,
    );
    const { progress } = await this.progress.recordSubmission(asker.learner, source, result);
    this.metrics.graded(result.status, (performance.now() - started) / 1000);
    return { state: 'graded', result, progress };
  }

  async find(): Promise<undefined> {
    return undefined;
  }
}
