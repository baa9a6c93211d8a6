import { setFlagsFromString } from 'node:v8';
import ivm from 'isolated-vm';
import type { Location, Reason } from '../result/grade-result.ts';
import { withNodeBuffers } from '../shared/with-buffers.ts';
import { importLocation } from './import-location.ts';
import type { ClientEvent } from './isolate-runtime/host.ts';
import { describeThrown, learnerFrame, where } from './learner-errors.ts';
import type { RunLimits } from './limits.ts';
import type { RandomnessRecord } from './randomness-record.ts';
import { RUNTIME_FILE, runtimeSource } from './runtime-bundle.ts';
import { sandboxDigest } from './sandbox-digest.ts';
import type { Program } from './transpile.ts';

export interface IsolateLimits {
  memoryMb: number;
  /** Wall time for loading the learner's module and for each call, enforced by the host. */
  timeoutMs: number;
  /** CPU time the learner's code may use in the whole run. */
  cpuMs: number;
  outputChars: number;
  /** Bytes sent to Redis and received back over the run (see isolate-runtime/byte-gate.ts). */
  maxBytes: number;
}

/** What the worker lends learner code. It can revoke all of it (see CheckGate). */
export interface Capabilities {
  /**
   * `site` numbers where learner code sent the command (see CallOutcome's `sentFrom`); `db` is
   * the database the client is in, as ioredis keeps it (see RedisBridge).
   */
  send(
    clientId: number,
    method: string,
    args: unknown[],
    site?: number,
    db?: number,
  ): Promise<unknown>;
  exec(
    clientId: number,
    commands: unknown[][],
    atomic: boolean,
    site?: number,
    db?: number,
  ): Promise<unknown>;
  /** `timer` names the sleep for `cancelSleep`. */
  sleep(ms: number, timer: number): Promise<void>;
  /** The runtime cleared the timer: its sleep resolves now (see timers.ts). */
  cancelSleep(timer: number): void;
  /** Draws and records a random value for one of node:crypto's APIs (see RandomnessRecord). */
  random: RandomnessRecord['draw'];
  readFixture(path: string): Uint8Array;
  /** What a client's subscriber connection heard (see SubscriberBridge.receive). */
  receive(clientId: number): Promise<unknown[] | null>;
  /** Closes a client's subscriber connection: the client disconnected. */
  hangUp(clientId: number): void;
  /** A client's connection attempt: whether it is refused (see LearnerOutage). */
  connect(clientId: number): boolean;
  /** What a client did that the checks may ask about (see LearnerOutage). */
  clientEvent(clientId: number, event: ClientEvent): void;
  /** The runtime met the byte limit before a command crossed (see CommandBudget.refuseBytes). */
  byteLimitHit(): void;
}

/** The learner's code failed on its own terms: it threw, hit a limit, or did not finish in time. */
export class LearnerCodeError extends Error {
  override name = 'LearnerCodeError';
  constructor(
    message: string,
    readonly reason: Reason = 'learner-error',
    readonly location?: Location,
  ) {
    super(message);
  }
}

export type CallArg = { kind: 'sandbox-client' } | { kind: 'value'; value: unknown };

/** What a learner call returned, and the Redis commands still unanswered then. */
export interface CallOutcome {
  value: unknown;
  unanswered: { command: string; location?: Location }[];
  /** Whether it closed a client it was lent (`quit()`, `disconnect()`). */
  closedLent: boolean;
  /** Where in the learner's file its first commands were sent, by the site the host was given. */
  sentFrom: Map<number, Location>;
}

/**
 * How long an idle isolate may take to hand over its output before it counts as busy: long
 * enough for a loaded machine to collect what a check left (a million nested objects took
 * over 250 ms with the tests' files running side by side), short beside a check's own limits.
 */
const OUTPUT_WAIT_MS = 1_000;

/** Where a context's host functions lead: to the capabilities lent to it last. */
interface Lent {
  capabilities?: Capabilities;
}

/**
 * The host's promises that learner code awaits and that have not settled, held for as long as
 * the isolate lives. A closed gate leaves some pending for good (see CheckGate.guardAsync); if
 * the host collected one, isolated-vm would reject it in the isolate with "Promise was
 * abandoned", waking the code left behind by an earlier check in a later one, and sometimes
 * failing whatever the isolate was doing then (loading a module, a call) with that message.
 */
type Pending = Set<Promise<unknown>>;

/**
 * A context with the runtime run in it, its host functions wired to its own `Lent`: the racers
 * of a race share an isolate, each in a context of its own, each lent its own capabilities.
 */
interface ReadyContext {
  context: ivm.Context;
  lent: Lent;
  invoke: ivm.Reference;
  takeOutput: ivm.Reference;
  settle: ivm.Reference;
}

/**
 * A new isolate with the runtime compiled and run in a context, or several (each serves one load
 * of the learner's module): no learner code has run in it. Shaped by the limits it was made for
 * (memory, output), it serves only a run with the same.
 */
interface FreshIsolate {
  shape: string;
  isolate: ivm.Isolate;
  runtime: ivm.Script;
  pending: Pending;
  ready: ReadyContext[];
}

// An isolate lives for one run, a few dozen calls into the runtime at most: too short for
// Sparkplug's baseline code to pay back compiling it, which it does in a batch a few calls in (a
// third of a millisecond a run). V8 flags are process-wide: the worker's own code, long-lived,
// is still optimised by TurboFan where it runs hot.
setFlagsFromString('--no-sparkplug');

// V8's code cache for the runtime: with it, a new isolate deserializes the runtime's compiled
// functions instead of compiling them again (over a millisecond a run). V8 compiles a function
// when it is first called, and a cache holds only what was compiled when it was made, so it is
// made again from the isolates of a worker's first runs (see `retire`): they compiled what
// gradings use, and nothing else, which keeps the cache small and quick to read.
let runtimeCache: ivm.ExternalCopy<ArrayBuffer> | undefined;
let runtimeCacheBytes = 0;
/** A worker's first runs that make the cache again: by then, gradings' paths have all run. */
let cacheRefreshesLeft = 5;
/** How long a run's isolate may take to give the cache before it is disposed without. */
const CACHE_WAIT_MS = 50;

const shapeOf = (limits: IsolateLimits) =>
  `${limits.memoryMb}/${limits.outputChars}/${limits.maxBytes}`;

function freshIsolate(limits: IsolateLimits): FreshIsolate {
  const isolate = new ivm.Isolate({ memoryLimit: limits.memoryMb });
  const runtime = isolate.compileScriptSync(runtimeSource(), {
    filename: RUNTIME_FILE,
    ...(runtimeCache && { cachedData: runtimeCache }),
  });
  const fresh = {
    shape: shapeOf(limits),
    isolate,
    runtime,
    pending: new Set<Promise<unknown>>(),
    ready: [],
  };
  addContext(fresh, limits);
  return fresh;
}

/**
 * One more context in an isolate no learner code has run in: nothing can be queued on its
 * thread, so the context is made synchronously.
 */
function addContext(fresh: FreshIsolate, limits: IsolateLimits): void {
  const { isolate, runtime, pending } = fresh;
  fresh.ready.push(runRuntime(isolate.createContextSync(), runtime, pending, limits));
}

/** Runs the runtime in a new context, handing it host functions that act through its `lent`. */
function runRuntime(
  context: ivm.Context,
  runtime: ivm.Script,
  pending: Pending,
  limits: IsolateLimits,
): ReadyContext {
  const lent: Lent = {};
  const capabilities = (): Capabilities => {
    if (!lent.capabilities) throw new Error('nothing is lent to this sandbox yet');
    return lent.capabilities;
  };
  const held = <T>(result: T): T => {
    if (result instanceof Promise) {
      pending.add(result);
      const settled = () => pending.delete(result);
      result.then(settled, settled);
    }
    return result;
  };
  try {
    context.evalClosureSync(
      'globalThis.__keyspaceHost = { send: $0, exec: $1, sleep: $2, random: $3, readFixture: $4, outputChars: $5, digest: $6, receive: $7, hangUp: $8, maxBytes: $9, connect: $10, clientEvent: $11, byteLimitHit: $12, cancelSleep: $13 };',
      [
        new ivm.Reference((...args: Parameters<Capabilities['send']>) =>
          held(capabilities().send(...args)),
        ),
        new ivm.Reference((...args: Parameters<Capabilities['exec']>) =>
          held(capabilities().exec(...args)),
        ),
        new ivm.Reference((ms: number, timer: number) => held(capabilities().sleep(ms, timer))),
        new ivm.Reference((...args: Parameters<Capabilities['random']>) =>
          capabilities().random(...args),
        ),
        new ivm.Reference((path: string) => capabilities().readFixture(path)),
        limits.outputChars,
        new ivm.Reference(sandboxDigest),
        new ivm.Reference((clientId: number) => held(capabilities().receive(clientId))),
        new ivm.Reference((clientId: number) => capabilities().hangUp(clientId)),
        limits.maxBytes,
        new ivm.Reference((clientId: number) => capabilities().connect(clientId)),
        new ivm.Reference((...args: Parameters<Capabilities['clientEvent']>) =>
          capabilities().clientEvent(...args),
        ),
        new ivm.Reference(() => capabilities().byteLimitHit()),
        new ivm.Reference((timer: number) => capabilities().cancelSleep(timer)),
      ],
    );
    runtime.runSync(context);
    const handle = context.global.getSync('__keyspaceRuntime', { reference: true });
    // The same in every context: read once per worker.
    exportNames ??= handle.getSync('exportNames', { copy: true }) as Record<string, string[]>;
    const ready = {
      context,
      lent,
      invoke: handle.getSync('invoke', { reference: true }),
      takeOutput: handle.getSync('takeOutput', { reference: true }),
      settle: handle.getSync('settle', { reference: true }),
    };
    // Learner code must not call the invoker itself: a call of its own that never settles would
    // hide its other calls' unawaited commands (see reply-tracker.ts).
    context.global.deleteSync('__keyspaceRuntime');
    return ready;
  } catch (error) {
    context.release();
    throw error;
  }
}

/** Isolates made ahead for the next run and its racers, all of one shape (see prepareSpares). */
let spares: FreshIsolate[] = [];
/** At most: a run's own isolate and two racers'. Each holds about a megabyte and a half. */
const MAX_SPARES = 3;
/**
 * Contexts made ahead in a spare, at most: a racer loads the module again after a call of it was
 * left unfinished (see run-race.ts). Each holds about 300 KB of its isolate's heap.
 */
const MAX_CONTEXTS_AHEAD = 4;
/** Counts the runs begun and the isolates taken: making spares stops at either. */
let demand = 0;

/** A spare if there is one of the shape: for a racer, the one with the most contexts made. */
function takeIsolate(limits: IsolateLimits, racer: boolean): FreshIsolate {
  demand += 1;
  // All spares have one shape (see prepareSpares).
  if (spares[0]?.shape !== shapeOf(limits)) return freshIsolate(limits);
  const contexts = spares.map((spare) => spare.ready.length);
  const index = contexts.indexOf(racer ? Math.max(...contexts) : Math.min(...contexts));
  return spares.splice(index, 1)[0] as FreshIsolate;
}

let exportNames: Record<string, string[]> | undefined;

function isolateLimits(limits: RunLimits): IsolateLimits {
  return {
    memoryMb: limits.memoryMb,
    timeoutMs: limits.callTimeoutMs,
    cpuMs: limits.cpuMs,
    outputChars: limits.outputChars,
    maxBytes: limits.maxTransferMb * 1024 * 1024,
  };
}

/**
 * One V8 isolate for one run: the learner's module is loaded into a context and called there.
 * Its capabilities are the worker's to revoke (see CheckGate), so nothing a check leaves pending
 * (timers, promises) can reach Redis in the next. Code still spinning on the isolate's thread is
 * stopped with the isolate (see LearnerContext.takeOutput). Nothing of Node is inside: only the
 * runtime of isolate-runtime/, which reaches the worker through References.
 */
export class LearnerIsolate {
  private readonly isolate: ivm.Isolate;
  /** The runtime, compiled once per isolate: a script can run in any of its contexts. */
  private readonly runtime: ivm.Script;
  private readonly pending: Pending;
  /** The contexts made with the isolate, until loads take them. */
  private readonly ready: ReadyContext[];
  /** How many times the learner's module was loaded: so many contexts the next run may want. */
  private loads = 0;
  private stopError: LearnerCodeError | undefined;
  /** The wall-time deadlines of work under way (see `within`). */
  private readonly deadlines = new Set<NodeJS.Timeout>();

  private constructor(
    readonly program: Program,
    private readonly limits: IsolateLimits,
    racer: boolean,
  ) {
    ({
      isolate: this.isolate,
      runtime: this.runtime,
      pending: this.pending,
      ready: this.ready,
    } = takeIsolate(limits, racer));
  }

  /**
   * An isolate for one run (a grading or a Run), within that run's limits; for a `racer` of a
   * race, which may load the module more than once, the spare with the most contexts made ahead.
   */
  static forRun(program: Program, limits: RunLimits, racer = false): LearnerIsolate {
    return new LearnerIsolate(program, isolateLimits(limits), racer);
  }

  /**
   * Disposes a run's isolates (its racers' too) and prepares as many for the next run, once the
   * reply is on its way: every check has ended by then, so nothing of the isolates is awaited. In
   * a worker's first runs, the runtime's code cache is made again from one of them first.
   */
  static retire(isolates: readonly LearnerIsolate[], limits: RunLimits): void {
    setImmediate(async () => {
      const finished = isolates.find(
        (isolate) => !isolate.stopError && !isolate.isolate.isDisposed,
      );
      if (finished && cacheRefreshesLeft > 0) {
        cacheRefreshesLeft -= 1;
        await finished.refreshRuntimeCache();
      }
      for (const isolate of isolates) isolate.dispose();
      LearnerIsolate.prepareSpares(
        limits,
        isolates.map((isolate) => isolate.loads),
      );
    });
  }

  /**
   * Makes the runtime's code cache again from this isolate, if it compiled more of the runtime
   * than the cache holds. Compiling the same source again in the same isolate is a hit in V8's
   * own compilation cache, so the cache made holds every function a run has compiled. Asked on
   * the isolate's thread, where learner code may still spin: then it is given up after a while.
   */
  private async refreshRuntimeCache(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const giveUp = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), CACHE_WAIT_MS);
    });
    try {
      const script = await Promise.race([
        this.isolate.compileScript(runtimeSource(), {
          filename: RUNTIME_FILE,
          produceCachedData: true,
        }),
        giveUp,
      ]);
      // isolated-vm's typings omit the cachedData it sets on a script compiled to produce it.
      const made = (script as (ivm.Script & ivm.CachedDataResult) | undefined)?.cachedData;
      const bytes = made?.copy().byteLength ?? 0;
      if (made && bytes > runtimeCacheBytes) {
        runtimeCache = made;
        runtimeCacheBytes = bytes;
      }
    } catch {
      // The isolate was stopped meanwhile: the cache stays as it was.
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Makes the isolates the next run will take, as the last run took them (`loads`: how many times
   * each loaded the module, the run's own first), now, while nothing waits: creating one,
   * compiling the runtime into it and running it in a context is over a millisecond on the
   * worker's main thread, and each more context most of one. One of those is done per turn of
   * the event loop, until a run begins: a job that arrives meanwhile waits for one at most.
   */
  static prepareSpares(limits: RunLimits, loads: readonly number[]): void {
    const wanted = isolateLimits(limits);
    const shape = shapeOf(wanted);
    for (const spare of spares) if (spare.shape !== shape) spare.isolate.dispose();
    spares = spares.filter((spare) => spare.shape === shape);
    const plan = loads
      .slice(0, MAX_SPARES)
      .map((count) => Math.min(Math.max(count, 1), MAX_CONTEXTS_AHEAD))
      .sort((a, b) => b - a);
    const demandBefore = demand;
    const makeOne = () => {
      if (demand !== demandBefore) return;
      spares.sort((a, b) => b.ready.length - a.ready.length);
      const short = plan.findIndex((contexts, index) => {
        const spare = spares[index];
        return !spare || spare.ready.length < contexts;
      });
      if (short < 0) return;
      const spare = spares[short];
      if (spare) addContext(spare, wanted);
      else spares.push(freshIsolate(wanted));
      setImmediate(makeOne);
    };
    makeOne();
  }

  /** A run begins: no more spares are made, so that it does not wait for them. */
  static runBegins(): void {
    demand += 1;
  }

  /** Why this isolate was stopped (a timeout, a limit); then it can run nothing more. */
  get stopped(): string | undefined {
    return this.stopError?.message;
  }

  get timeoutMs(): number {
    return this.limits.timeoutMs;
  }

  get cpuMs(): number {
    return this.isolate.isDisposed ? 0 : Number(this.isolate.cpuTime) / 1e6;
  }

  /**
   * Whether the isolate holds little memory: under an eighth of its limit in its heap, garbage
   * included, and under a megabyte outside it. Garbage in the heap is collected when the heap
   * needs room; bytes outside it (ArrayBuffers') are not, before an allocation past the limit
   * fails.
   */
  async holdsLittleMemory(): Promise<boolean> {
    const heap = await this.isolate.getHeapStatistics().catch(() => undefined);
    if (!heap) return false;
    return (
      heap.used_heap_size < (this.limits.memoryMb * 1024 * 1024) / 8 &&
      heap.externally_allocated_size < 1024 * 1024
    );
  }

  /**
   * Loads the learner's module into a context of its own, within the wall-time limit, lent
   * `capabilities` (what its code reaches as it loads, until the context is lent others).
   */
  async load(capabilities: Capabilities): Promise<LearnerContext> {
    return this.within('loading your module', this.loadModule(capabilities));
  }

  private async loadModule(capabilities: Capabilities): Promise<LearnerContext> {
    const ready = (await this.madeAhead()) ?? (await this.newContext());
    this.loads += 1;
    ready.lent.capabilities = capabilities;
    try {
      let module: ivm.Module;
      try {
        module = this.isolate.compileModuleSync(this.program.js, { filename: this.program.file });
      } catch (error) {
        throw new LearnerCodeError((error as Error).message, 'compile-error');
      }
      module.instantiateSync(ready.context, (specifier) => this.builtinModule(specifier));
      module.evaluateSync({ timeout: this.limits.timeoutMs });
      return new LearnerContext(this, ready, module);
    } catch (error) {
      ready.context.release();
      throw error;
    }
  }

  /**
   * A context made with the isolate, if one is left. Once learner code has run here, it is taken
   * only after whatever that code left queued on the isolate's thread (see `newContext`): an
   * asynchronous call into the context comes after it.
   */
  private async madeAhead(): Promise<ReadyContext | undefined> {
    const ready = this.ready.shift();
    if (ready && this.loads > 0) await ready.takeOutput.apply(undefined, [], {});
    return ready;
  }

  /**
   * Another context, for a module loaded again after it threw as it loaded, or by a racer whose
   * call was left unfinished. Asked for on the isolate's thread, it comes after whatever earlier work
   * left queued there (a reply that settled before its gate closed), under the wall-time limit.
   * Once it arrives, nothing of the learner's can be queued any more: every earlier capability
   * is revoked, and the runtime removes what would post work by itself (WebAssembly, Atomics).
   * So the rest runs synchronously, without a wait for each step: a sync call on a busy isolate
   * would wait for good.
   */
  private async newContext(): Promise<ReadyContext> {
    const context = await this.isolate.createContext();
    return runRuntime(context, this.runtime, this.pending, this.limits);
  }

  dispose(): void {
    if (!this.isolate.isDisposed) this.isolate.dispose();
  }

  /**
   * Races learner work against the wall-time limit. An isolate's own timeout covers only
   * synchronous work; a promise that never settles is caught here, on the host, and the isolate
   * is disposed so nothing of it runs on. Work given as a function starts only in an isolate
   * that can still run it.
   */
  async within<T>(what: string, work: Promise<T> | (() => Promise<T>)): Promise<T> {
    if (this.stopError) {
      throw new LearnerCodeError(`not run: ${this.stopError.message}`, this.stopError.reason);
    }
    const cpuBefore = this.cpuMs;
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(
          this.stop(
            `${what} did not finish within ${this.limits.timeoutMs} ms (wall time limit)`,
            'timeout',
          ),
        );
      }, this.limits.timeoutMs);
      this.deadlines.add(timer);
    });
    try {
      const result = await Promise.race([typeof work === 'function' ? work() : work, deadline]);
      if (this.cpuMs > this.limits.cpuMs) {
        throw this.stop(`your code used more than ${this.limits.cpuMs} ms of CPU time (CPU limit)`);
      }
      return result;
    } catch (error) {
      if (error instanceof LearnerCodeError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      // isolated-vm reports a synchronous timeout or a blown heap as a plain Error.
      if (/timed out/i.test(message)) {
        throw this.stop(
          `${what} did not finish within ${this.limits.timeoutMs} ms (wall time limit)`,
          'timeout',
        );
      }
      if (/memory limit|disposed/i.test(message) || this.isolate.isDisposed) {
        throw this.stop(
          `${what} used more than ${this.limits.memoryMb} MB of memory (memory limit)`,
        );
      }
      if (this.cpuMs - cpuBefore > this.limits.cpuMs) {
        throw this.stop(`your code used more than ${this.limits.cpuMs} ms of CPU time (CPU limit)`);
      }
      const thrown = describeThrown(error, this.program);
      throw new LearnerCodeError(`${what} threw: ${thrown.text}`, 'learner-error', thrown.location);
    } finally {
      clearTimeout(timer);
      if (timer) this.deadlines.delete(timer);
    }
  }

  /**
   * Lets go of the calls a check that ended left unfinished: they wait on replies its closed gate
   * will never deliver, and their deadlines must not stop the isolate in a later check.
   */
  abandonUnfinished(): void {
    for (const timer of this.deadlines) clearTimeout(timer);
    this.deadlines.clear();
  }

  /** Stops the isolate for good: it is disposed, and whatever ran in it stops at once. */
  stop(why: string, reason: Reason = 'limit'): LearnerCodeError {
    this.stopError ??= new LearnerCodeError(why, reason);
    this.dispose();
    return this.stopError;
  }

  private builtinModule(specifier: string): ivm.Module {
    // Read by runRuntime before any module is loaded.
    const known = exportNames ?? {};
    const names = Object.hasOwn(known, specifier) ? known[specifier] : undefined;
    if (!names) {
      const importable = Object.keys(known).filter(
        (name) => name === 'ioredis' || name.startsWith('node:'),
      );
      const location = importLocation(this.program, specifier);
      throw new LearnerCodeError(
        `cannot import '${specifier}': code in the Keyspace sandbox can import only ${importable.join(', ')}${location ? ` (${where(location)})` : ''}`,
        'learner-error',
        location,
      );
    }
    const key = JSON.stringify(specifier);
    const lines = names
      .filter((name) => name !== 'default')
      .map((name) => `export const ${name} = globalThis.__keyspaceModules[${key}].${name};`);
    lines.push(`export default globalThis.__keyspaceModules[${key}].default;`);
    return this.isolate.compileModuleSync(lines.join('\n'), { filename: specifier });
  }
}

/** What the runtime's reply tracker reports, as it must look whatever learner code did. */
function isUnansweredList(value: unknown): value is { command: string; stack: string }[] {
  return (
    Array.isArray(value) &&
    value.every((item) => typeof item?.command === 'string' && typeof item?.stack === 'string')
  );
}

function isSentFromList(value: unknown): value is { site: number; stack: string }[] {
  return (
    Array.isArray(value) &&
    value.every((item) => typeof item?.site === 'number' && typeof item?.stack === 'string')
  );
}

/** The learner's module loaded in one context: what one check calls. */
export class LearnerContext {
  private released = false;

  constructor(
    private readonly owner: LearnerIsolate,
    private readonly ready: ReadyContext,
    private readonly module: ivm.Module,
  ) {}

  /**
   * Calls an export; resolves with a copy of its result, the Redis commands it left unanswered
   * when it returned and where its first `sites` commands were sent, or rejects with a
   * LearnerCodeError.
   */
  async call(name: string, args: CallArg[], sites = 0): Promise<CallOutcome> {
    const reply = () =>
      this.ready.invoke
        .apply(
          undefined,
          [this.module.namespace.derefInto(), name, new ivm.ExternalCopy(args).copyInto(), sites],
          {
            timeout: this.owner.timeoutMs,
            result: { promise: true, copy: true },
          },
        )
        .catch((error: Error) => {
          // Copying the result out failed: a function, a Symbol, a Proxy, nesting too deep to copy.
          const thrownByLearner = error.stack?.includes(this.owner.program.file);
          if (
            !thrownByLearner &&
            /could not be cloned|Unsupported type|Maximum call stack/.test(error.message)
          ) {
            throw new LearnerCodeError(
              `${name}() returned a value that cannot leave the sandbox (${error.message}): return strings, numbers, arrays, plain objects or Buffers`,
            );
          }
          throw error;
        });
    const { value, unanswered, closedLent, sentFrom, missingExport } = (await this.owner.within(
      `${name}()`,
      reply,
    )) as {
      value: unknown;
      unanswered: unknown;
      closedLent: unknown;
      sentFrom: unknown;
      missingExport?: unknown;
    };
    // The runtime says so before running anything of the learner's, which cannot forge it.
    if (missingExport === true) {
      throw new LearnerCodeError(
        `your code does not export a function named ${name}: write \`export async function ${name}(…)\``,
        'missing-export',
      );
    }
    if (!isUnansweredList(unanswered) || !isSentFromList(sentFrom)) {
      throw new LearnerCodeError(
        `${name}() changed the sandbox's built-ins so that its Redis commands cannot be followed: leave Array, Map and Promise as they are`,
      );
    }
    return {
      value: withNodeBuffers(value),
      closedLent: closedLent === true,
      unanswered: unanswered.map(({ command, stack }) => {
        const location = learnerFrame(stack, this.owner.program);
        return location ? { command, location } : { command };
      }),
      sentFrom: new Map(
        sentFrom.flatMap(({ site, stack }) => {
          const location = learnerFrame(stack, this.owner.program);
          return location ? [[site, location] as const] : [];
        }),
      ),
    };
  }

  /**
   * What the module's code reaches from now on: each check lends its own, and the worker revokes
   * them when the check ends.
   */
  lend(capabilities: Capabilities): void {
    this.ready.lent.capabilities = capabilities;
  }

  /**
   * What the code printed since the last take. An isolate that does not answer within a moment
   * is still running something the check left behind (a busy timer): it is stopped, so that
   * neither the worker nor the next check waits on it.
   */
  async takeOutput(): Promise<string> {
    if (this.owner.stopped) return '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const busy = new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), OUTPUT_WAIT_MS);
    });
    const output = this.ready.takeOutput
      .apply(undefined, [], { result: { copy: true } })
      .catch(() => '');
    const taken = await Promise.race([output, busy]);
    clearTimeout(timer);
    if (taken !== undefined) return String(taken);
    this.owner.stop(
      'your code was still running after its check ended, so the sandbox was stopped',
    );
    return `[${this.owner.stopped}]`;
  }

  /**
   * Resolves once the isolate's thread has run everything queued on it before this call, and the
   * promise reactions that work set off: a reply or a timer delivered to the code, and that code
   * up to its next wait. Its thread runs tasks in the order they were queued, and empties the
   * microtask queue after each.
   */
  async settled(): Promise<void> {
    await this.ready.settle.apply(undefined, [], {});
  }

  /**
   * Lets the context go, with every handle the worker held into it: one handle left would keep
   * the whole context (the module's memory too) alive in the isolate until the worker's own
   * garbage collector, which the isolate's memory never prompts, collected it.
   */
  release(): void {
    if (this.released) return;
    this.released = true;
    const { context, invoke, takeOutput, settle } = this.ready;
    for (const handle of [invoke, takeOutput, settle, this.module]) handle.release();
    context.release();
  }
}
