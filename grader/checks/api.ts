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
  /** Which of the learner's clients sent it: 1 for the first made in the check's context, … */
  client?: number;
}

/**
 * A command as the sandbox executed it: one the learner's client sent, or one a Lua script or
 * function it called ran (then `script` names the command that ran it: `eval`, `fcall`, …).
 */
export interface ExecutedCommand extends LoggedCommand {
  script?: string;
  /**
   * The keys it names, as Redis finds them (COMMAND GETKEYS): none for a command that names no
   * key (MULTI, PING, SCRIPT LOAD) or that Redis refused. Arguments the log cut are cut here too.
   */
  keys: string[];
  /** Whether Redis flags it (or its subcommand: XGROUP CREATE, FUNCTION LOAD) as a write. */
  write: boolean;
}

/** A command of a race step, with Redis's write flag, as an executed command has it. */
export interface StepCommand extends LoggedCommand {
  /** Whether Redis flags it (or its subcommand) as a write, whether or not it ran. */
  write: boolean;
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
  /**
   * A fresh id shaped like `like` (digits for digits, letters for letters, the rest kept), so
   * that learner code cannot tell a missing or decoy id from a real one by its shape; without
   * `like`, a word of 5 to 9 letters.
   */
  id(like?: string): string;
}

/** One key as a snapshot saw it. */
export interface KeyState {
  /** `string`, `hash`, `list`, `set`, `zset`, `stream`. */
  type: string;
  /**
   * Its value: a string (a Buffer when its bytes are not text), a hash as a field → value
   * object sorted by field, a list in order, a set sorted, a sorted set as [member, score]
   * pairs, a stream as its entries.
   */
  value: unknown;
  /** Milliseconds left to live; -1 when the key never expires. */
  pttl: number;
  /** When it expires, in Unix milliseconds by Redis's clock (PEXPIRETIME); -1 when never. */
  expiresAt: number;
}

/** Every key of the sandbox at one moment (see `CheckContext.snapshot`). */
export interface Snapshot {
  /** When it was taken, in `performance.now()` milliseconds. */
  readonly takenAt: number;
  readonly keys: ReadonlyMap<string, KeyState>;
}

export interface KeyChange {
  key: string;
  kind: 'created' | 'deleted' | 'changed';
  before?: KeyState;
  after?: KeyState;
  /** For a changed key: whether its value or type changed. */
  valueChanged?: boolean;
  /**
   * For a changed key: what happened to its TTL. `reset` means its expiry moved between the
   * snapshots: it was set again (e.g. by a SET without KEEPTTL) rather than left to count down.
   */
  ttl?: 'kept' | 'set' | 'removed' | 'reset';
}

export interface SnapshotDiff {
  /** Every change, by key. */
  readonly changes: readonly KeyChange[];
  readonly created: readonly string[];
  readonly deleted: readonly string[];
  readonly changed: readonly string[];
  /** The changes to keys other than those allowed: "stores nothing else". */
  outside(allowed: readonly string[] | ((key: string) => boolean)): KeyChange[];
  /** Changes as a learner reads them, e.g. `created user:7 (hash), deleted cache:x (string)`. */
  describe(changes: readonly KeyChange[]): string;
}

/** A TTL window: about `seconds` (minus `toleranceMs`, 2 s by default), or from `minMs` to `maxMs`. */
export type TtlWindow =
  | { seconds: number; toleranceMs?: number }
  | { minMs: number; maxMs: number };

/** One value learner code drew from a cryptographic source, in the forms a token is made of. */
export type RandomDraw =
  | {
      readonly api: 'randomBytes' | 'getRandomValues';
      /** For getRandomValues, the bytes written into the typed array. */
      readonly bytes: Buffer;
      readonly hex: string;
      readonly base64: string;
      readonly base64url: string;
    }
  | { readonly api: 'randomUUID'; readonly value: string }
  | { readonly api: 'randomInt'; readonly value: number };

/** One call of a race: an export's name and its arguments, as `call` takes them. */
export type RaceCall<Exports> = {
  [K in keyof Exports & string]: readonly [name: K, ...args: CallArgs<Exports[K]>];
}[keyof Exports & string];

/** How one call of a race ended: what it returned, or the message of what it threw. */
export type RaceOutcome<T> =
  | { readonly returned: T; readonly threw?: undefined }
  | { readonly returned?: undefined; readonly threw: string };

type RaceReturn<Exports, C> = C extends readonly [infer K, ...unknown[]]
  ? K extends keyof Exports
    ? Exports[K] extends Fn
      ? Awaited<ReturnType<Exports[K]>>
      : never
    : never
  : never;

/** One step of a race's interleaving, as `verify` reads it. */
export interface RaceStepView {
  /** Who took it: a call, by its index in `calls`, or the grader, for a command of `interject`. */
  by: number | 'grader';
  /**
   * The command as Redis received it; a transaction's commands from MULTI to EXEC. Empty for a
   * timer of the call's that fired.
   */
  commands: readonly StepCommand[];
  /**
   * What Redis answered: missing for a timer, or a blocking command that was never answered. A
   * transaction's value is ioredis's list of `[error, value]` pairs, one per queued command.
   */
  reply?: { readonly value: unknown } | { readonly error: string };
  /** For a timer that fired: the delay it was set for, in ms (a race fires it without waiting). */
  timerMs?: number;
}

/** What `race` runs: see AUTHORING.md, "Races". */
export interface Race<Exports, Calls extends readonly RaceCall<Exports>[]> {
  /** The calls run at the same time, each in an isolate and on connections of its own. */
  calls: Calls;
  /** How the failure table names each call, e.g. `transfer(a→b)`; by default its name and arguments. */
  labels?: { readonly [I in keyof Calls]: string };
  /** Seeds Redis with `redis` before each interleaving: the sandbox is emptied before each. */
  setup?(): Promise<void>;
  /**
   * Commands the grader sends during each interleaving, e.g. `['SET', 'weather', 'cloudy']`, in
   * this order, on a connection of its own: each is a step that the exploration places among the
   * calls' steps as it places theirs. A write between a call's write and its read tells a reply
   * read from Redis from a value typed into the code. Not for blocking commands.
   */
  interject?: readonly (readonly string[])[];
  /**
   * Asserts with `expect` and `redis` on what the calls returned (in the order of `calls`) and
   * what they left, after each interleaving. A call that threw is given as `threw`, its message.
   * `steps` is the interleaving, each step with what Redis answered.
   */
  verify(
    results: {
      -readonly [I in keyof Calls]: RaceOutcome<RaceReturn<Exports, Calls[I]>>;
    },
    steps: readonly RaceStepView[],
  ): Promise<void>;
  /**
   * How many interleavings to try at most (64 by default), the first, the calls one after another
   * on fresh modules, included: half in turn, half at random.
   */
  maxInterleavings?: number;
  /**
   * Seeds the random part of the exploration; by default one is drawn from `random`, so that
   * the run's seed replays it. A failure found at random names it.
   */
  seed?: number;
}

/** What a race that held found. */
export interface RaceReport {
  /** How many interleavings were tried. */
  interleavings: number;
  /** Whether those were all there are (two orders of steps that commute counting once). */
  exhaustive: boolean;
}

/** One ioredis client the learner's code made (or was lent) during a check, as the grader saw it. */
export interface LearnerClient {
  /** When it tried to connect (Date.now()), first connection and every reconnection. */
  attempts: number[];
  /** How many of those were refused because the check had taken Redis away. */
  refused: number;
  /** `error` events it emitted with no listener ("[ioredis] Unhandled error event: …"). */
  unhandledErrors: number;
  /** Whether the learner's code closed it: quit(), disconnect() or end(). */
  closed: boolean;
}

export interface CheckContext<Exports> {
  /**
   * Calls the learner's export inside the sandbox and resolves with a copy of what it returned.
   * When the learner's code throws, it rejects with an Error whose `reason` is `'learner-error'`
   * and, when what was thrown is an Error whose stack passes through the learner's file, a
   * `location` there (a thrown string has none). Uncaught, that ends the check as an error; a
   * check that expects a throw may catch it, and must let any other rejection (a limit) through.
   */
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
  /**
   * Every key of the sandbox with its type, value and PTTL, read by the grader's own client:
   * take one before and one after a call, and `diff` them.
   */
  snapshot(): Promise<Snapshot>;
  /**
   * What the sandbox executed for the learner since the check began: the commands of
   * `commands()`, each script or function call followed by the commands it ran, which the
   * client-side log cannot see. Needs `logExecuted: true` on the check.
   */
  executed(): Promise<readonly ExecutedCommand[]>;
  /** What changed between two snapshots: keys created, deleted, changed in value or TTL. */
  diff(before: Snapshot, after: Snapshot): SnapshotDiff;
  /**
   * Fails unless `key`'s PTTL lies in the window, whichever way the learner set it (EX, PX,
   * EXAT, PXAT, EXPIRE after the write); the message says what was found.
   */
  expectTtl(key: string, window: TtlWindow): Promise<void>;
  /**
   * Seeds `count` look-alike objects: `seed` is called with a fresh id shaped like `like` for
   * each (one no key of the sandbox names yet), and writes the object with the grader's `redis`. Code that ignores its argument and
   * searches (KEYS, SCAN) or takes "the only key there is" then meets them. Resolves with their
   * ids; a snapshot diff tells whether any was touched.
   */
  decoys(like: string, count: number, seed: (id: string) => Promise<unknown>): Promise<string[]>;
  /**
   * Runs several calls at the same time, each in an isolate and on connections of its own, and
   * tries how their Redis commands can interleave: every way up to a bound, then random ones.
   * Each call's module is kept across interleavings (from the second on, a call is its module's
   * second, third…). Before each interleaving the sandbox is emptied and `setup` runs; after it,
   * `verify`. Fails at the first interleaving `verify` rejects, with a table of the steps that
   * broke it.
   */
  race<const Calls extends readonly RaceCall<Exports>[]>(
    race: Race<Exports, Calls>,
  ): Promise<RaceReport>;
  /**
   * Every value the learner's code drew from `node:crypto` (or the global `crypto`) since this
   * check began, in order. The worker draws and records them, so learner code cannot forge one.
   */
  randomness(): readonly RandomDraw[];
  /**
   * Whether `text` holds one of those draws: bytes as hex (any case), base64 (padded or not) or
   * base64url; a UUID with or without dashes (any case); a randomInt as its digits. A form of 8
   * characters or more counts where `text` contains it, a shorter one only where `text` is it.
   * Derived values (a hash of a draw, two draws encoded together) do not count.
   */
  cameFromRandomness(text: string): boolean;
  /**
   * Each write of `key` among `commands` (what `executed()` answered) made after the same client
   * read the key, with nothing to keep another client from changing it in between: not in the
   * script or MULTI that read it, not in a MULTI a WATCH of the key guards, and not a write that
   * `decidesItself` (say HINCRBY, or SET … NX). Such a write acts on what the program read, which
   * may no longer be true: a lost update in any call, a module's first included, where a race
   * shows one only in an interleaving that harms.
   */
  writesOnARead(
    commands: readonly ExecutedCommand[],
    key: string,
    decidesItself?: (command: ExecutedCommand) => boolean,
  ): { read: ExecutedCommand; write: ExecutedCommand }[];
  /**
   * The most random bytes `text` holds from one of those draws, as drawn (a UUID counts as 16; a
   * randomInt as none), among the draws that none of `others` holds: judge a token's strength
   * with it, and pass the other tokens the learner's code returned, since a draw two tokens share
   * is a secret each holder knows of the other.
   */
  randomBytesIn(text: string, others?: readonly string[]): number;
  /**
   * Takes Redis away from the learner's code, as a stopped server would be, for `forMs` (or
   * until `back()`): every connection attempt of its clients is refused with
   * `connect ECONNREFUSED`, and a connected client loses its connection at its next command.
   * Their ioredis then does what it does with no server: error events, reconnecting as
   * `retryStrategy` says, commands held offline until `maxRetriesPerRequest`. The grader's own
   * `redis` keeps it. The check's end brings it back.
   */
  redisAway(forMs?: number): { back(): void };
  /** Every client the learner's code made or was lent since the check began, in order. */
  clients(): readonly LearnerClient[];
  /**
   * Starts counting how long the grader's thread is held up (its timers firing late: a machine
   * busy with other work), and answers a function that tells the ms since. The learner's
   * timers and replies run through the same thread, as late: a check that bounds a wait in real
   * time adds this to its bound, so that a stalled machine fails no right answer while a quiet
   * one judges as strictly as the bound says.
   */
  heldUp(): () => number;
}

export interface Check<Exports> {
  /** Shown to the learner as the check's title: say what must hold, e.g. "weather holds a string". */
  name: string;
  run(ctx: CheckContext<Exports>): Promise<void>;
  /**
   * For exercises about fire-and-forget: by default a learner call that returns while its Redis
   * commands are unanswered, or that sends one after it returned, fails the check
   * ("`saveProfile` returned before its `HSET` was answered: is an `await` missing?").
   */
  allowUnawaited?: boolean;
  /**
   * Follows what Redis executes during this check (MONITOR, on a connection of the grader's), so
   * that `executed()` can show the commands scripts ran. Off unless asked: it repeats every byte
   * the learner sends.
   */
  logExecuted?: boolean;
  /**
   * What the check is worth in the score when it passes (a number of 0 or more); 1 by default,
   * so that checks without points all weigh the same. The exercise's checks together must be
   * worth more than 0.
   */
  points?: number;
}

/** The default export of an exercise's checks.ts, run in this order against a flushed sandbox. */
export type CheckList<Exports> = readonly Check<Exports>[];
