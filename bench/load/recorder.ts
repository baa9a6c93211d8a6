/** What the learners ask for, in the order the tables show them. */
export const ENDPOINTS = [
  'GET /api/course',
  'GET /api/progress',
  'GET /api/lessons/:id',
  'POST /api/lessons/:id/visits',
  'GET /api/exercises/:id',
  'GET /api/exercises/:id/draft',
  'PUT /api/exercises/:id/draft',
  'POST /api/console/commands',
  'POST /api/console/runs',
  'POST /api/exercises/:id/submissions',
  'GET /api/gradings/:id',
] as const;
export type Endpoint = (typeof ENDPOINTS)[number];

/** A learner's first console command starts their sandbox: a one-off cost, shown on its own. */
export const FIRST_CONSOLE = 'POST /api/console/commands (first)' as const;
type Row = Endpoint | typeof FIRST_CONSOLE;
type Phase = 'window' | 'ramp' | 'all';

interface Bucket {
  latencies: number[];
  errors: Map<string, number>;
}

export interface RowFigures {
  requests: number;
  errors: number;
  p50: number;
  p99: number;
  max: number;
}

function newBucket(): Bucket {
  return { latencies: [], errors: new Map() };
}

function count(map: Map<string, number>, key: string, by = 1) {
  map.set(key, (map.get(key) ?? 0) + by);
}

/** Nearest rank, as bench/grading.ts takes it. */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

export function figuresOf(latencies: number[], errors: number): RowFigures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    requests: sorted.length,
    errors,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/**
 * Every answer's latency, by endpoint, split into the ramp-up and the measured window by when the
 * request was sent. An error's latency counts too: a slow failure is slow.
 */
export class Recorder {
  private readonly window = new Map<Row, Bucket>();
  private readonly ramp = new Map<Row, Bucket>();
  /** What Submits and Runs answered (`Submit of wrong code: fail`…), over the whole run. */
  readonly outcomes = new Map<string, number>();
  /** Submits answered 202, then polled to their result. */
  accepted = 0;
  /**
   * Of each Run and Submit of the window, how much longer it took than the run or grading did
   * (the result's durationMs): waiting for a worker, HTTP, saving progress. A check that waits
   * for a key to expire takes seconds of its own; this is what the app added to it.
   */
  readonly beyondWork = { Run: [] as number[], Submit: [] as number[] };

  constructor(readonly windowStart: number) {}

  record(row: Row, started: number, ms: number, failure?: string) {
    const buckets = started < this.windowStart ? this.ramp : this.window;
    let bucket = buckets.get(row);
    if (!bucket) {
      bucket = newBucket();
      buckets.set(row, bucket);
    }
    bucket.latencies.push(ms);
    if (failure) count(bucket.errors, failure);
  }

  worked(what: 'Run' | 'Submit', started: number, ms: number, workMs: number) {
    if (started >= this.windowStart) this.beyondWork[what].push(ms - workMs);
  }

  outcome(what: string) {
    count(this.outcomes, what);
  }

  /** Figures per row: of the measured window, of the ramp-up, or of both together. */
  rows(phase: Phase): Map<Row, RowFigures> {
    const rows = new Map<Row, RowFigures>();
    for (const row of [...ENDPOINTS, FIRST_CONSOLE] as Row[]) {
      const buckets = this.phases(phase).flatMap((phaseRows) => phaseRows.get(row) ?? []);
      if (buckets.length === 0) continue;
      const errors = buckets.reduce((sum, bucket) => sum + total(bucket.errors), 0);
      rows.set(
        row,
        figuresOf(
          buckets.flatMap(({ latencies }) => latencies),
          errors,
        ),
      );
    }
    return rows;
  }

  /** Every latency of a phase, all rows together but `except`. */
  latencies(phase: Phase, except?: Row): number[] {
    return this.phases(phase).flatMap((phaseRows) =>
      [...phaseRows].filter(([row]) => row !== except).flatMap(([, bucket]) => bucket.latencies),
    );
  }

  /** Each distinct failure with its endpoint and how often, most frequent first. */
  errors(phase: Phase): [string, number][] {
    const all = new Map<string, number>();
    for (const phaseRows of this.phases(phase)) {
      for (const [row, { errors }] of phaseRows) {
        for (const [failure, times] of errors) count(all, `${row}: ${failure}`, times);
      }
    }
    return [...all].sort((a, b) => b[1] - a[1]);
  }

  private phases(phase: Phase): Map<Row, Bucket>[] {
    if (phase === 'window') return [this.window];
    if (phase === 'ramp') return [this.ramp];
    return [this.window, this.ramp];
  }
}

function total(map: Map<string, number>): number {
  let sum = 0;
  for (const times of map.values()) sum += times;
  return sum;
}
