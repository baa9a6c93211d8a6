import { figuresOf, type RowFigures } from '../load/recorder.ts';

/** What each honest learner does in a cycle, in the order the tables show it. */
export const HONEST_ENDPOINTS = [
  'GET /api/lessons/:id',
  'POST /api/console/commands',
  'POST /api/console/runs',
  'POST /api/exercises/:id/submissions',
] as const;
export type HonestEndpoint = (typeof HONEST_ENDPOINTS)[number];

/**
 * How an answer counts: `error` is the server's failure (5xx, no answer); `limited` a 429, which
 * an honest learner under its own limits should never see; `other` any other answer that is not
 * what the learner should get (a 4xx, a solution not passing, a console that lost the value).
 */
export type Outcome = 'ok' | 'error' | 'limited' | 'other';

export interface EndpointFigures extends RowFigures {
  limited: number;
  other: number;
}

interface Row {
  latencies: number[];
  counts: Record<Outcome, number>;
}

/** The honest learners' answers whose time overlaps one phase's measured window, by endpoint. */
export class HonestRecord {
  private readonly rows = new Map<HonestEndpoint, Row>();
  /** Each answer that was not `ok`, with its endpoint, and how often. */
  readonly failures = new Map<string, number>();

  record(endpoint: HonestEndpoint, ms: number, outcome: Outcome, failure?: string) {
    let row = this.rows.get(endpoint);
    if (!row) {
      row = { latencies: [], counts: { ok: 0, error: 0, limited: 0, other: 0 } };
      this.rows.set(endpoint, row);
    }
    // A failure's latency counts too: a slow failure is slow.
    row.latencies.push(ms);
    row.counts[outcome] += 1;
    if (failure) {
      const key = `${endpoint}: ${failure}`;
      this.failures.set(key, (this.failures.get(key) ?? 0) + 1);
    }
  }

  figures(endpoint: HonestEndpoint): EndpointFigures | undefined {
    const row = this.rows.get(endpoint);
    if (!row) return undefined;
    return {
      ...figuresOf(row.latencies, row.counts.error),
      limited: row.counts.limited,
      other: row.counts.other,
    };
  }
}

/**
 * The phases' measured windows. An honest request counts in every window its time overlaps, not
 * only the one it was sent in: one sent in a warm-up and still waiting through the window (behind
 * an attacker's stuck gradings) is what the window must show, not lose between phases.
 */
export class HonestWindows {
  private readonly windows: { from: number; to: number; record: HonestRecord }[] = [];

  /** Opens a window now, recording into `record`; the function returned closes it. */
  open(record: HonestRecord): () => void {
    const window = { from: performance.now(), to: Number.POSITIVE_INFINITY, record };
    this.windows.push(window);
    return () => {
      window.to = performance.now();
    };
  }

  record(
    endpoint: HonestEndpoint,
    started: number,
    ended: number,
    outcome: Outcome,
    failure?: string,
  ) {
    for (const { from, to, record } of this.windows) {
      if (started < to && ended > from) record.record(endpoint, ended - started, outcome, failure);
    }
  }
}
