import type { Grader } from '../../grader/index.ts';
import type { GradingMetrics } from '../../metrics/grading-metrics.ts';
import type { ProgressStore } from '../progress/progress-store.ts';
import type { Grading, Gradings } from './gradings.ts';

/** Grades in this process's grader, within the request: a grading never outlives it. */
export class InlineGradings implements Gradings {
  constructor(
    private readonly grader: Grader,
    private readonly progress: ProgressStore,
    private readonly metrics: GradingMetrics,
  ) {}

  async submit(learner: string, exerciseId: string, source: string): Promise<Grading> {
    const started = performance.now();
    const result = await this.grader.grade(exerciseId, source);
    await this.progress.recordSubmission(learner, source, result);
    this.metrics.graded(result.status, (performance.now() - started) / 1000);
    return { state: 'graded', result };
  }

  async find(): Promise<undefined> {
    return undefined;
  }
}
