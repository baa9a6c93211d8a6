import type { GradeResult, RunOnceResult } from '../../contracts/index.ts';
import type { TurnKind } from '../../metrics/grading-metrics.ts';
import { HttpError } from '../http-errors.ts';
import type { Asker } from '../identity/client-address.ts';

export interface FairTurnsOptions {
  /** Turns at once: the grader's worker processes. */
  slots: number;
  /**
   * Turns at once for code whose last run hit a limit, which runs in the grader's low-priority
   * lane (Grader.lowPriorityConcurrency), not on the `slots`.
   */
  lowPrioritySlots: number;
  /**
   * Workers that gradings may not take, kept for Runs: a Run is a learner trying their code, a
   * fraction of a second, and must not wait behind gradings that wait seconds on Redis.
   */
  keptForRuns: number;
  /** Told of each turn given, and how long its request waited for it (the metrics' histogram). */
  onTurn?: (kind: TurnKind, waitedMs: number) => void;
  /** The longest a request waits for its turn; beyond it, 503 with Retry-After. */
  maxWaitMs: number;
  /** Requests of one learner waiting at once; one more is refused with 429. */
  maxWaitingPerLearner: number;
  /** How long an address whose code hit a limit gives its learners without a record low priority. */
  addressPenaltyMs: number;
}

export const DEFAULT_FAIR_TURNS: Omit<
  FairTurnsOptions,
  'slots' | 'lowPrioritySlots' | 'keptForRuns' | 'onTurn'
> = {
  maxWaitMs: 20_000,
  maxWaitingPerLearner: 2,
  addressPenaltyMs: 60_000,
};

/** A learner's standing at the grader, best first (see FairTurns.classOf). */
const STANDINGS = ['good', 'new', 'limited'] as const;
type Standing = (typeof STANDINGS)[number];

/** A quarter of the workers kept for Runs (see FairTurnsOptions.keptForRuns), none of one. */
export const runsKept = (slots: number) => (slots > 1 ? Math.max(1, Math.floor(slots / 4)) : 0);

/** Learners whose last run is remembered: enough for every learner of a busy day. */
const RECORDS_KEPT = 100_000;

interface Waiting {
  asker: Asker;
  kind: TurnKind;
  /** When it began to wait (performance.now()). */
  since: number;
  start: () => void;
  fail: (error: Error) => void;
  timer: NodeJS.Timeout;
}

/**
 * Gradings and Runs share the grader's workers; this hands out their turns fairly, so that no
 * learner or address can take them all. A learner runs one at a time (more wait behind it). A
 * free worker goes to the next address in turn that has someone waiting, and within it to its
 * next learner in turn. Learners whose last run went well go first; then new ones; code whose
 * last run hit a limit (time, CPU, memory, commands) takes the turns of the grader's
 * low-priority lane (`lowPrioritySlots`), never a worker's. Gradings may hold all workers but
 * `keptForRuns`, so that a Run does not wait behind them; new code all of either share but one,
 * so that a learner whose code behaves always finds a worker for a grading or a Run.
 * A learner new to an address whose code just hit a limit counts as limited, so that fresh
 * cookies buy an attacker nothing. A request that waits too long is answered 503.
 */
export class FairTurns {
  private readonly waiting = new Map<string, Waiting[]>();
  /** Learners running now, and the class of each (see `classOf`). */
  private readonly running = new Map<string, Standing>();
  /** The address each running learner counts against. */
  private readonly runningAddress = new Map<string, string>();
  /** Learners running a grading now (the rest of `running` run a Run). */
  private readonly runningGradings = new Set<string>();
  /** Whether each learner's last run hit a limit; the oldest forgotten past RECORDS_KEPT. */
  private readonly record = new Map<string, boolean>();
  private readonly addressPenalties = new Map<string, number>();
  /** When each address was last served (a count of turns): the least recent goes first. */
  private readonly lastServed = new Map<string, number>();
  private turnsGiven = 0;

  constructor(private readonly options: FairTurnsOptions) {
    const { slots, keptForRuns } = options;
    // Keeping every worker would leave gradings none: each would wait maxWaitMs and get 503.
    if (!(keptForRuns >= 0 && (keptForRuns < slots || slots === 0))) {
      throw new RangeError(`FairTurns keeps ${keptForRuns} of ${slots} workers for Runs`);
    }
  }

  /**
   * Runs `work` in the asker's turn, telling it whether their code hit a limit last time (then it
   * runs at a low CPU priority); `hitLimit` tells from its value whether it hit one this time.
   */
  async run<T>(
    asker: Asker,
    kind: TurnKind,
    work: (lowPriority: boolean) => Promise<T>,
    hitLimit: (value: T) => boolean,
  ): Promise<T> {
    await this.turn(asker, kind);
    try {
      const value = await work(this.running.get(asker.learner) === 'limited');
      // Only a run that ended says how the code behaves: a refusal (an unknown exercise, no
      // sandbox free) leaves the learner's standing as it was.
      this.remember(asker, hitLimit(value));
      return value;
    } finally {
      this.running.delete(asker.learner);
      this.runningAddress.delete(asker.learner);
      this.runningGradings.delete(asker.learner);
      this.dispatch();
    }
  }

  private turn(asker: Asker, kind: TurnKind): Promise<void> {
    const mine = this.waiting.get(asker.learner) ?? [];
    if (mine.length >= this.options.maxWaitingPerLearner) {
      return Promise.reject(
        new HttpError(
          'too_many_waiting',
          `you already have ${mine.length} gradings or Runs waiting: wait for their results`,
          1,
        ),
      );
    }
    return new Promise<void>((start, fail) => {
      const entry: Waiting = {
        asker,
        kind,
        since: performance.now(),
        start,
        fail,
        timer: setTimeout(() => this.giveUp(entry), this.options.maxWaitMs),
      };
      mine.push(entry);
      this.waiting.set(asker.learner, mine);
      // An address new to the line joins it at the back, just before the one served last: a
      // fresh address must not go before those that have waited.
      if (!this.lastServed.has(asker.address)) {
        this.lastServed.set(asker.address, this.turnsGiven - 0.5);
      }
      this.dispatch();
    });
  }

  private giveUp(entry: Waiting): void {
    const mine = this.waiting.get(entry.asker.learner) ?? [];
    const at = mine.indexOf(entry);
    if (at < 0) return;
    mine.splice(at, 1);
    if (mine.length === 0) this.waiting.delete(entry.asker.learner);
    const seconds = Math.ceil(this.options.maxWaitMs / 2000);
    entry.fail(
      new HttpError(
        'graders_busy',
        `every grader is busy and your request waited ${this.options.maxWaitMs / 1000} s: try again in ${seconds} s`,
        seconds,
      ),
    );
  }

  /** Starts the next requests in turn while workers are free. */
  private dispatch(): void {
    for (;;) {
      const next = this.pick();
      if (!next) return;
      const mine = this.waiting.get(next.asker.learner) ?? [];
      mine.shift();
      if (mine.length === 0) this.waiting.delete(next.asker.learner);
      clearTimeout(next.timer);
      this.running.set(next.asker.learner, this.classOf(next.asker));
      this.runningAddress.set(next.asker.learner, next.asker.address);
      if (next.kind === 'grading') this.runningGradings.add(next.asker.learner);
      this.options.onTurn?.(next.kind, performance.now() - next.since);
      next.start();
    }
  }

  /**
   * The first waiting request of the best class with room (see `classOf`), from the address with
   * the fewest running, then served least recently (within it, of the learner served least
   * recently). Gradings may hold all workers but those kept for Runs, new code all of either
   * share but one; limited code has the low-priority lane's turns, and no worker's.
   */
  private pick(): Waiting | undefined {
    const { slots, keptForRuns, lowPrioritySlots } = this.options;
    const running = (standing: Standing) =>
      [...this.running.values()].filter((one) => one === standing).length;
    const gradings = (standing: Standing) =>
      [...this.runningGradings].filter((learner) => this.running.get(learner) === standing).length;
    const workersBusy = running('good') + running('new');
    const gradingsBusy = gradings('good') + gradings('new');
    const share = slots - keptForRuns;
    const limitedFits = running('limited') < lowPrioritySlots;
    const newFits = running('new') < Math.max(1, slots - 1);
    const newGradingFits = newFits && gradings('new') < Math.max(1, share - 1);
    const room = (standing: Standing, kind: TurnKind): boolean => {
      // The low-priority lane keeps nothing for Runs: it has none of the workers.
      if (standing === 'limited') return limitedFits;
      if (kind === 'run') return workersBusy < slots && (standing === 'good' || newFits);
      return gradingsBusy < share && workersBusy < slots && (standing === 'good' || newGradingFits);
    };
    for (const wanted of STANDINGS) {
      let best: Waiting | undefined;
      for (const [learner, mine] of this.waiting) {
        const first = mine[0];
        if (!first || this.running.has(learner)) continue;
        if (this.classOf(first.asker) !== wanted || !room(wanted, first.kind)) continue;
        if (!best || this.before(first.asker.address, best.asker.address)) best = first;
      }
      if (best) {
        this.lastServed.delete(best.asker.address);
        this.lastServed.set(best.asker.address, ++this.turnsGiven);
        if (this.lastServed.size > RECORDS_KEPT) {
          this.lastServed.delete(this.lastServed.keys().next().value as string);
        }
        // The learner goes behind the others of its address.
        const mine = this.waiting.get(best.asker.learner) as Waiting[];
        this.waiting.delete(best.asker.learner);
        this.waiting.set(best.asker.learner, mine);
        return best;
      }
    }
    return undefined;
  }

  /** Whether `one` goes before `other`: fewer running now, then served less recently. */
  private before(one: string, other: string): boolean {
    const running = (address: string) =>
      [...this.running.keys()].filter((learner) => this.runningAddress.get(learner) === address)
        .length;
    const [a, b] = [running(one), running(other)];
    if (a !== b) return a < b;
    return (this.lastServed.get(one) ?? 0) < (this.lastServed.get(other) ?? 0);
  }

  /**
   * `good`: the learner's last run hit no limit. `new`: no run of theirs is remembered, and
   * their address's code hit none lately. `limited`: their last run hit a limit, or they are
   * new at an address whose code just did.
   */
  private classOf({ learner, address }: Asker): Standing {
    const limited = this.record.get(learner);
    if (limited !== undefined) return limited ? 'limited' : 'good';
    return (this.addressPenalties.get(address) ?? 0) > Date.now() ? 'limited' : 'new';
  }

  private remember({ learner, address }: Asker, limited: boolean): void {
    this.record.delete(learner);
    this.record.set(learner, limited);
    if (this.record.size > RECORDS_KEPT) {
      this.record.delete(this.record.keys().next().value as string);
    }
    const now = Date.now();
    if (limited) this.addressPenalties.set(address, now + this.options.addressPenaltyMs);
    for (const [other, until] of this.addressPenalties) {
      if (until <= now) this.addressPenalties.delete(other);
    }
  }
}

const LIMITS = new Set<string>(['timeout', 'limit', 'grader-stopped']);

/** Whether a grading's code ran into a limit: time, memory, CPU, commands, bytes. */
export function gradingHitLimit(result: GradeResult): boolean {
  return (
    LIMITS.has(result.reason ?? '') || result.checks.some((check) => LIMITS.has(check.reason ?? ''))
  );
}

/** Whether a Run's code ran into a limit. */
export function runHitLimit(result: RunOnceResult): boolean {
  return (
    result.calls.some((call) => LIMITS.has(call.reason ?? '')) ||
    /\((wall time|memory|CPU|command|byte|worker memory|sandbox memory|script) limit\)|made no progress|grader worker stopped/.test(
      result.message ?? '',
    )
  );
}
