import {
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  type Registry as PromRegistry,
  Registry,
} from 'prom-client';
import type { GraderStats, Status } from '../grader/index.ts';

/** From a warm grading (a few ms) to one that runs into its time limits, or waits in a queue. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

/** What a turn at the grader's workers is for: a Submit graded in the app, or a Run. */
export type TurnKind = 'grading' | 'run';

export interface MetricSources {
  /**
   * Which process these are, a label on every metric: the app counts results as learners get
   * them (time in the queue included), a worker the gradings it ran. Sum one or the other.
   */
  role: 'app' | 'worker';
  /** The process's own grader: its sandboxes, waiting gradings and worker restarts. */
  grader: { stats(): GraderStats };
  /** Learners' console sandboxes, in the app (each a redis-server of its own). */
  consoleSandboxes?: () => number;
  /** Jobs in the grading queue by state, in the app in queue mode. */
  queueDepth?: () => Promise<Record<string, number>>;
}

/**
 * The Prometheus metrics of one process, the app's or a queue worker's (`GET /metrics`). Counts
 * that something else keeps (the grader's, the queue's) are read when scraped.
 */
export class GradingMetrics {
  readonly registry: PromRegistry = new Registry();
  private readonly gradings: Counter<'status'>;
  private readonly duration: Histogram<'status'>;
  private readonly turnWait: Histogram<'kind'>;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ role: sources.role });
    collectDefaultMetrics({ register: this.registry });
    this.gradings = new Counter({
      name: 'keyspace_gradings_total',
      help: 'Submissions graded, by the status of their result.',
      labelNames: ['status'],
      registers,
    });
    this.duration = new Histogram({
      name: 'keyspace_grading_duration_seconds',
      help: 'From a submission to its result (in the app, time in the queue included).',
      labelNames: ['status'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    this.turnWait = new Histogram({
      name: 'keyspace_turn_wait_seconds',
      help: 'How long a Submit (graded in the app) or a Run waited for its turn at the grader’s workers.',
      labelNames: ['kind'],
      buckets: DURATION_BUCKETS,
      registers,
    });
    new Gauge({
      name: 'keyspace_sandboxes',
      help: 'Sandbox redis-servers alive, by use: grading runs, or learners’ consoles.',
      labelNames: ['use'],
      registers,
      collect() {
        this.set({ use: 'grading' }, sources.grader.stats().sandboxes);
        if (sources.consoleSandboxes) this.set({ use: 'console' }, sources.consoleSandboxes());
      },
    });
    let restartsSeen = 0;
    new Counter({
      name: 'keyspace_worker_restarts_total',
      help: 'Grader worker processes that died (crash, kill, a limit) and were replaced.',
      registers,
      collect() {
        const restarts = sources.grader.stats().workerRestarts;
        this.inc(restarts - restartsSeen);
        restartsSeen = restarts;
      },
    });
    const queueDepth =
      sources.queueDepth ??
      (async () => {
        const { waiting, running } = sources.grader.stats();
        return { waiting, active: running };
      });
    new Gauge({
      name: 'keyspace_queue_jobs',
      help: 'Gradings not finished, by state: waiting for a grader, or being graded (active).',
      labelNames: ['state'],
      registers,
      async collect() {
        // While the queue's Redis is away the last counts stay: the other metrics still answer.
        const depth = await queueDepth().catch(() => ({}));
        for (const [state, count] of Object.entries(depth)) this.set({ state }, count);
      },
    });
  }

  /** One grading ended, `seconds` after it was asked for. */
  graded(status: Status, seconds: number): void {
    this.gradings.inc({ status });
    this.duration.observe({ status }, seconds);
  }

  /** A Submit's grading or a Run got its turn at the grader, `seconds` after it asked for one. */
  waitedForTurn(kind: TurnKind, seconds: number): void {
    this.turnWait.observe({ kind }, seconds);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  text(): Promise<string> {
    return this.registry.metrics();
  }
}
