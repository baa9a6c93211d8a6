import type { Random } from '../../checks/api.ts';
import { seededRandom } from '../../checks/random.ts';
import { commute, type Effect } from './step-effects.ts';

/**
 * Past this many steps in one interleaving, the systematic search stops branching and takes
 * turns fairly: a racer that polls for another's work (a lock taken in a loop) would otherwise
 * be stepped forever while the other never runs.
 */
const BRANCHING_DEPTH = 100;

/** How many interleavings a race tries unless its check says otherwise. */
export const DEFAULT_MAX_INTERLEAVINGS = 64;

/** A racer that can take a step now, and what its step does. */
export interface Ready {
  racer: number;
  effect: Effect;
}

/** Which racer takes the next step, wherever more than one can: one Schedule per interleaving. */
export interface Schedule {
  /**
   * `ready` holds the racers that can take a step now, in ascending order. Answers the one that
   * steps, or undefined when whatever follows would only repeat an interleaving already tried
   * (the interleaving can then be abandoned).
   */
  pick(ready: readonly Ready[]): number | undefined;
  /** Systematic (every interleaving in turn) or random (from the seed). */
  readonly origin: 'systematic' | 'random';
}

/** One step of a systematic interleaving, as the next ones replay it. */
interface Node {
  ready: readonly Ready[];
  /** Racers whose step here need not be tried: an interleaving already tried covers it. */
  asleep: readonly number[];
  /** The racers chosen here so far, the current one last. */
  tried: readonly number[];
}

export interface ExplorationOptions {
  maxInterleavings: number;
  seed: number;
  /** How many to try in turn before the random ones: half of maxInterleavings by default. */
  systematic?: number;
}

/**
 * Chooses the interleavings a race tries. First every one in turn, depth first over the choices
 * (each is run afresh, replaying the choices before the one that changes): the first is the
 * calls run one after another, the next ones move the last switch between racers earlier. Two
 * orders of steps that commute (two reads, say) give the same interleaving, and only one is
 * tried (sleep sets, as in Godefroid's partial-order reduction). That covers small races
 * entirely; for larger ones, after half of the interleavings allowed, the rest are chosen at
 * random from the seed, so that early switches get their chance too.
 */
export class Exploration {
  private completed = 0;
  /** The steps the next systematic interleaving replays; undefined once all were tried. */
  private replay: Node[] | undefined = [];
  private exhaustiveSoFar = true;
  private readonly random: Random;
  private readonly systematic: number;

  constructor(private readonly options: ExplorationOptions) {
    this.random = seededRandom(options.seed);
    this.systematic = options.systematic ?? Math.max(1, Math.ceil(options.maxInterleavings / 2));
  }

  /** Whether every interleaving there is (up to commuting steps) has been tried. */
  get exhaustive(): boolean {
    return this.replay === undefined && this.exhaustiveSoFar;
  }

  /** The schedule of the next interleaving, or undefined when there is nothing left to try. */
  next(): Schedule | undefined {
    if (this.completed >= this.options.maxInterleavings || this.exhaustive) return undefined;
    if (this.replay && this.completed < this.systematic) return new SystematicSchedule(this.replay);
    return new RandomSchedule(this.random);
  }

  /**
   * Learns how an interleaving went: `completed` unless it was abandoned. After a systematic
   * one, the next changes its last choice that has an alternative left.
   */
  finished(schedule: Schedule, completed: boolean): void {
    if (completed) this.completed += 1;
    if (!(schedule instanceof SystematicSchedule)) return;
    if (schedule.deep) this.exhaustiveSoFar = false;
    const { nodes } = schedule;
    for (let depth = nodes.length - 1; depth >= 0; depth--) {
      const node = nodes[depth] as Node;
      const next = node.ready.find(
        ({ racer }) => !node.asleep.includes(racer) && !node.tried.includes(racer),
      );
      if (next) {
        this.replay = [...nodes.slice(0, depth), { ...node, tried: [...node.tried, next.racer] }];
        return;
      }
    }
    this.replay = undefined;
  }
}

class SystematicSchedule implements Schedule {
  readonly origin = 'systematic';
  readonly nodes: Node[] = [];
  /** Whether it went past BRANCHING_DEPTH, where it stopped branching. */
  deep = false;
  /** The racers asleep at the next step. */
  private asleep: readonly number[] = [];
  private readonly lastTurn = new Map<number, number>();
  private turns = 0;

  constructor(private readonly replay: readonly Node[]) {}

  pick(ready: readonly Ready[]): number | undefined {
    const racer = this.choose(ready);
    if (racer !== undefined) this.lastTurn.set(racer, ++this.turns);
    return racer;
  }

  private choose(ready: readonly Ready[]): number | undefined {
    const depth = this.nodes.length;
    if (depth >= BRANCHING_DEPTH) {
      this.deep = true;
      return [...ready].sort(
        (a, b) => (this.lastTurn.get(a.racer) ?? -1) - (this.lastTurn.get(b.racer) ?? -1),
      )[0]?.racer;
    }
    const asleep = this.asleep.filter((racer) => ready.some((one) => one.racer === racer));
    const replayed = this.replay[depth];
    const wanted = replayed?.tried.at(-1);
    // Replayed, a step is taken by the same racer. Timing can, rarely, change who is ready (see
    // race-scheduler.ts); the search then goes on from what happened.
    let tried: readonly number[];
    if (replayed && ready.some(({ racer }) => racer === wanted)) {
      tried = replayed.tried;
    } else {
      const first = ready.find(({ racer }) => !asleep.includes(racer));
      if (!first) return undefined;
      tried = [first.racer];
    }
    const chosen = tried.at(-1) as number;
    this.nodes.push({ ready, asleep, tried });
    const effectOf = (racer: number) => ready.find((one) => one.racer === racer)?.effect ?? 'write';
    // Whoever was asleep here, or was tried here before, stays asleep after this step if the two
    // steps commute: trying it next would only reorder them.
    this.asleep = [...asleep, ...tried.slice(0, -1)].filter(
      (racer) => racer !== chosen && commute(effectOf(racer), effectOf(chosen)),
    );
    return chosen;
  }
}

class RandomSchedule implements Schedule {
  readonly origin = 'random';
  constructor(private readonly random: Random) {}

  pick(ready: readonly Ready[]): number {
    return this.random.pick(ready).racer;
  }
}
