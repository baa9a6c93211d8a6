// What an instructor's checks.ts is written against. checks.ts imports these as types only,
// so it needs nothing from the grader at run time: the grader hands every check its context.
import type Redis from 'ioredis';

/** Stands for "a new ioredis client connected to this run's sandbox" in the arguments of `call`. */
export interface SandboxClient {
  readonly kind: 'sandbox-client';
}

export interface LoggedCommand {
  /** Lower-case command name as the learner's client sent it, e.g. `hset`. */
  name: string;
  args: string[];
  /**
   * Commands queued on one `pipeline()` or `multi()` and sent by one `exec()` share a batch
   * number (1, 2, …); a command sent on its own has none. Redis cannot tell a pipeline from
   * commands sent one by one; this can.
   */
  batch?: number;
}

type Fn = (...args: never[]) => unknown;

/** A learner parameter typed as an ioredis client is passed as `ctx.sandboxClient`. */
type CallArgs<F> = F extends (...args: infer P) => unknown
  ? { [I in keyof P]: P[I] extends Redis ? SandboxClient : P[I] }
  : never;

export interface Expect {
  /** Deep equality; on failure the result shows `what`, the expected and the actual value. */
  equal(actual: unknown, expected: unknown, what: string): void;
  /** Fails with `message` unless `condition` is truthy. */
  ok(condition: unknown, message: string): void;
}

/**
 * Fixture data that changes from run to run, so that an answer typed into the code instead of
 * computed fails. One generator per run: every check of a run sees the same sequence.
 */
export interface Random {
  /** A whole number from `min` to `max`, both included. */
  int(min: number, max: number): number;
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T;
  /** A lower-case word of `length` letters, e.g. for a key or a name. */
  word(length?: number): string;
}

export interface CheckContext<Exports> {
  /** Calls the learner's export inside the sandbox and resolves with a copy of what it returned. */
  call<K extends keyof Exports & string>(
    name: K,
    ...args: CallArgs<Exports[K]>
  ): Promise<Exports[K] extends Fn ? Awaited<ReturnType<Exports[K]>> : never>;
  readonly sandboxClient: SandboxClient;
  /** The grader's own client to the same sandbox: trusted, never seen by learner code. */
  readonly redis: Redis;
  /**
   * The commands the learner's code sent since this check began, as Redis received them: objects
   * spread into field, value pairs; a `multi()` transaction between `multi` and `exec` entries;
   * a `pipeline()` as its commands, in order; either one's commands marked with its `batch`.
   */
  commands(): readonly LoggedCommand[];
  readonly expect: Expect;
  readonly random: Random;
}

export interface Check<Exports> {
  /** Shown to the learner as the check's title: say what must hold, e.g. "weather holds a string". */
  name: string;
  run(ctx: CheckContext<Exports>): Promise<void>;
}

/** The default export of an exercise's checks.ts, run in this order against a flushed sandbox. */
export type CheckList<Exports> = readonly Check<Exports>[];
