import type Redis from 'ioredis';
import type { CheckContext, RaceReport, RaceStepView, Random } from '../../checks/api.ts';
import { CheckFailure, show } from '../../checks/expect.ts';
import { MAX_SEED } from '../../checks/random.ts';
import { closedClientFailure } from '../closed-client.ts';
import { withWriteFlags } from '../command-keys.ts';
import {
  type CallArg,
  type CallOutcome,
  type Capabilities,
  LearnerCodeError,
  type LearnerContext,
  LearnerIsolate,
} from '../learner-isolate.ts';
import { openLearnerScope } from '../learner-scope.ts';
import type { RunLimits } from '../limits.ts';
import { CommandBudget } from '../redis-bridge.ts';
import { resetSandbox } from '../reset-sandbox.ts';
import type { SandboxConnections } from '../sandbox-connections.ts';
import type { Program } from '../transpile.ts';
import { unawaitedFailure } from '../unawaited.ts';
import { DEFAULT_MAX_INTERLEAVINGS, Exploration, type Schedule } from './exploration.ts';
import { blockedLearnerClients, expiries, RaceScheduler, type RaceStep } from './race-scheduler.ts';
import {
  interleavingTable,
  isSerial,
  type RacerOutcome,
  racerName,
  serialOrder,
} from './race-table.ts';

/**
 * Exploration stops starting interleavings once the check has used this share of its time
 * limit: what is left is for the interleaving under way, `verify` and the rest of the check.
 */
const EXPLORATION_SHARE = 0.5;

/** What a race needs of the run it is part of. */
export interface RaceDeps {
  program: Program;
  limits: RunLimits;
  connections: SandboxConnections;
  trusted: Redis;
  /** The run's command budget (see `race` for what it is charged). */
  budget: CommandBudget;
  readFixture(path: string): Uint8Array;
  random: Random;
  allowUnawaited: boolean;
  /** performance.now() when the check began. */
  checkStarted: number;
  toCallArg(arg: unknown): CallArg;
  /**
   * The run's race isolates, the one in use last: races share it (see `isolateFor`), and the run
   * disposes them all as it ends, preparing as many for the next (see retire).
   */
  racerIsolates: LearnerIsolate[];
}

interface RaceSpec {
  calls: readonly (readonly [string, ...unknown[]])[];
  labels?: readonly string[];
  setup?(): Promise<void>;
  interject?: readonly (readonly string[])[];
  verify(results: RacerOutcome[], steps: readonly RaceStepView[]): Promise<void>;
  maxInterleavings?: number;
  seed?: number;
}

/**
 * Each call's module loaded in a context of its own in the race's isolate, kept across
 * interleavings: from the second interleaving on, each call is its module's second, third… as
 * plain checks' calls are (code careful only on its first call meets the races too). A module is
 * loaded again only after a call of it did not finish (an abandoned interleaving leaves it
 * waiting for good, and a promise it shares between calls with it) or the isolate was replaced.
 * One isolate serves every call: their code runs one at a time anyway, each up to its next
 * command, which the scheduler holds.
 */
interface Racers {
  isolate?: LearnerIsolate;
  contexts: (LearnerContext | undefined)[];
}

interface Interleaving {
  steps: RaceStep[];
  outcomes: (RacerOutcome | undefined)[];
  /** Commands the calls sent, counted by the interleaving's own budget. */
  commands: number;
  /** Bytes they sent and received, by the same budget. */
  bytes: number;
  /** False when abandoned as one that could only repeat another (see Schedule.pick). */
  completed: boolean;
  /** A limit a call hit (time, memory, CPU, commands): it ends the race as an error. */
  limit?: { racer?: number; error: LearnerCodeError };
}

/**
 * `ctx.race` for one check. Each interleaving runs with a command budget of its own, as large as
 * what the run has left, so that a runaway call still hits the command limit; the run itself is
 * charged only the commands of the first interleaving (the calls one after another), as if the
 * calls had been made once each: exploring is the grader's doing, not the learner's.
 */
export function raceFor(deps: RaceDeps): CheckContext<unknown>['race'] {
  const race = async (spec: RaceSpec): Promise<RaceReport> => {
    const labels = spec.calls.map((call, index) => spec.labels?.[index] ?? defaultLabel(call));
    if (spec.interject?.length) labels.push('grader');
    const seed = spec.seed ?? deps.random.int(0, MAX_SEED);
    // The first interleaving, the calls one after another, is each module's first call. The
    // search then starts over, on modules that have run once (see Slot): its choices rest on the
    // steps each call takes, and a module that changes how it works after its first call would
    // otherwise have them chosen from steps it no longer takes. The first counts as one of the
    // interleavings tried in turn, and against the maximum.
    const max = spec.maxInterleavings ?? DEFAULT_MAX_INTERLEAVINGS;
    const search = new Exploration({
      maxInterleavings: max - 1,
      systematic: Math.ceil(max / 2) - 1,
      seed,
    });
    const explorations = [new Exploration({ maxInterleavings: 1, seed }), search];
    const kept: Racers = { contexts: spec.calls.map(() => undefined) };
    const stopExploringAt = deps.checkStarted + deps.limits.checkTimeoutMs * EXPLORATION_SHARE;
    let tried = 0;
    let first: { commands: number; bytes: number } | undefined;
    try {
      explore: for (const exploration of explorations) {
        for (let schedule = exploration.next(); schedule; schedule = exploration.next()) {
          const run = await interleave(deps, spec, kept, schedule);
          exploration.finished(schedule, run.completed);
          if (run.completed) {
            tried += 1;
            first ??= { commands: run.commands, bytes: run.bytes };
            const found = { number: tried, origin: schedule.origin, seed };
            if (run.limit) throw limitHit(run, run.limit, labels, found);
            try {
              // Every call has settled: a completed interleaving without a limit hit has them all.
              await spec.verify(
                run.outcomes as RacerOutcome[],
                await stepViews(deps.trusted, run.steps, spec.calls.length),
              );
            } catch (error) {
              if (!(error instanceof CheckFailure)) throw error;
              throw verifyFailed(error, run, labels, found);
            }
          }
          if (tried > 0 && performance.now() > stopExploringAt) break explore;
        }
      }
    } finally {
      for (const context of kept.contexts) context?.release();
      deps.budget.spend(Math.min(first?.commands ?? 0, deps.budget.max - deps.budget.used));
      deps.budget.spendBytes(
        Math.min(first?.bytes ?? 0, deps.budget.maxBytes - deps.budget.bytesUsed),
      );
    }
    return { interleavings: tried, exhaustive: search.exhaustive };
  };
  return race as unknown as CheckContext<unknown>['race'];
}

/** Runs the calls once, in the order the schedule picks; the sandbox is emptied and set up first. */
async function interleave(
  deps: RaceDeps,
  spec: RaceSpec,
  kept: Racers,
  schedule: Schedule,
): Promise<Interleaving> {
  await resetSandbox(deps.trusted);
  await spec.setup?.();
  const budget = new CommandBudget(
    deps.budget.max - deps.budget.used,
    deps.budget.maxBytes - deps.budget.bytesUsed,
  );
  const scopes: ReturnType<typeof openLearnerScope>[] = [];
  const interjections = spec.interject ?? [];
  const scheduler = new RaceScheduler({
    racers: spec.calls.length + (interjections.length > 0 ? 1 : 0),
    schedule,
    trusted: deps.trusted,
    expiries: () => expiries(deps.trusted),
    // The grader's own racer (interjections) has no isolate: it never waits on a timer.
    settled: async (racer) => contexts[racer]?.settled(),
    deadline: deps.checkStarted + deps.limits.checkTimeoutMs,
  });
  const contexts: LearnerContext[] = [];
  const outcomes: (RacerOutcome | undefined)[] = spec.calls.map(() => undefined);
  const unanswered: CallOutcome['unanswered'][] = [];
  const closedLent: boolean[] = [];
  let limit: Interleaving['limit'];
  /** A failure of the grader's own, not the learner's: it ends the check as `check-crashed`. */
  let crash: unknown;
  const isolate = await isolateFor(deps, kept);
  try {
    for (const index of spec.calls.keys()) {
      const scope = openLearnerScope(deps.connections, budget, deps.readFixture, {
        schedule: (commands, send) => scheduler.hold(index, commands, send),
      });
      scopes.push(scope);
      const capabilities = toldTo(scheduler, index, {
        ...scope.capabilities,
        sleep: (ms, timer) => scheduler.sleep(index, ms, timer),
        cancelSleep: (timer) => scheduler.cancelSleep(index, timer),
      });
      let context = kept.contexts[index];
      if (context) context.lend(capabilities);
      else context = await isolate.load(capabilities);
      kept.contexts[index] = context;
      contexts.push(context);
    }
    for (const [index, [name, ...args]] of spec.calls.entries()) {
      const scope = scopes[index] as (typeof scopes)[number];
      scope.bridge.callStarted();
      void (contexts[index] as LearnerContext)
        .call(name, args.map(deps.toCallArg))
        .then(
          (outcome) => {
            outcomes[index] = { returned: outcome.value };
            unanswered[index] = outcome.unanswered;
            closedLent[index] = outcome.closedLent;
          },
          (error: unknown) => {
            if (!(error instanceof LearnerCodeError)) {
              crash ??= error;
              return;
            }
            outcomes[index] = { threw: error.message };
            if (error.reason !== 'learner-error') limit ??= { racer: index, error };
          },
        )
        .finally(() => {
          scope.bridge.callSettled(name);
          scheduler.finished(index);
        });
    }
    if (interjections.length > 0) {
      void interject(scheduler, spec.calls.length, deps.trusted, interjections).catch((error) => {
        crash ??= error;
      });
    }
    let completed = true;
    try {
      completed = await scheduler.run();
    } catch (error) {
      if (!(error instanceof LearnerCodeError)) throw error;
      limit ??= { error };
    }
    if (crash) throw crash;
    const run: Interleaving = {
      steps: scheduler.steps,
      outcomes,
      commands: budget.used,
      bytes: budget.bytesUsed,
      completed,
    };
    if (!completed) return run;
    // A call that caught the command or byte limit's error and went on is stopped all the same.
    if (budget.exhausted) {
      const error = new LearnerCodeError(budget.limitHit, 'limit');
      return { ...run, limit: { error } };
    }
    if (limit) return { ...run, limit };
    if (!deps.allowUnawaited) {
      for (const [index, [name]] of spec.calls.entries()) {
        const left = unanswered[index] ?? [];
        if (left.length > 0) throw unawaitedFailure(name, left, 'unanswered');
        const late = scopes[index]?.bridge.lateCommands[0];
        if (late) {
          throw unawaitedFailure(late.after, [{ command: late.command.toUpperCase() }], 'late');
        }
      }
    }
    const closer = closedLent.findIndex(Boolean);
    if (closer >= 0) throw closedClientFailure(spec.calls[closer]?.[0] ?? '');
    return run;
  } finally {
    for (const [index, scope] of scopes.entries()) {
      const closing = scope.close();
      await contexts[index]?.takeOutput();
      await closing;
    }
    isolate.abandonUnfinished();
    for (const [index, context] of kept.contexts.entries()) {
      if (outcomes[index] === undefined || isolate.stopped) {
        context?.release();
        kept.contexts[index] = undefined;
      }
    }
    if (scheduler.blockedSome) await noneBlocked(deps.trusted);
  }
}

/**
 * The grader's commands of `interject`, as one more racer: each held for its turn like a call's.
 * What Redis answers, an error too, is the step's reply for `verify` to read.
 */
async function interject(
  scheduler: RaceScheduler,
  racer: number,
  trusted: Redis,
  commands: readonly (readonly string[])[],
): Promise<void> {
  try {
    for (const [name = '', ...args] of commands) {
      const command = { name: name.toLowerCase(), args: [...args] };
      await scheduler.hold(racer, [command], () => trusted.call(name, ...args)).catch(() => {});
    }
  } finally {
    scheduler.finished(racer);
  }
}

/**
 * The racer's capabilities, each call into them and each answer to one told to the scheduler:
 * whatever reaches the racer's code may set it going again (see RaceScheduler's idle rule).
 */
function toldTo(scheduler: RaceScheduler, racer: number, capabilities: Capabilities): Capabilities {
  const active = () => scheduler.active(racer);
  return Object.fromEntries(
    Object.entries(capabilities).map(([name, capability]) => [
      name,
      (...args: unknown[]) => {
        active();
        const result: unknown = (capability as (...args: unknown[]) => unknown)(...args);
        if (result instanceof Promise) result.then(active, active);
        return result;
      },
    ]),
  ) as unknown as Capabilities;
}

/** The interleaving as `verify` reads it, each command with Redis's write flag. */
async function stepViews(
  redis: Redis,
  steps: readonly RaceStep[],
  calls: number,
): Promise<RaceStepView[]> {
  const flagged = await withWriteFlags(
    redis,
    steps.flatMap(({ commands = [] }) => commands),
  );
  let next = 0;
  return steps.map(({ racer, commands = [], reply, timerMs }) => {
    const start = next;
    next += commands.length;
    return {
      by: racer === calls ? 'grader' : racer,
      commands: flagged.slice(start, next),
      ...(reply ? { reply } : {}),
      ...(timerMs === undefined ? {} : { timerMs }),
    };
  });
}

/**
 * The race's isolate, kept while it has CPU time to spare, so that the CPU limit holds for an
 * interleaving's calls, not for the whole exploration. Races share it, each call's module in a
 * context of its own (released as its race ends), as checks share the run's: an isolate is about
 * a millisecond and a half of the worker's thread to make, and a grading runs several races
 * (task-queue's five, transfer-points' seven). A race takes the last race's only while it holds
 * little memory (see LearnerIsolate.holdsLittleMemory): what earlier races left there (garbage
 * outside the heap, the modules of calls left unfinished) must not take the room a new isolate
 * would give.
 */
async function isolateFor(deps: RaceDeps, kept: Racers): Promise<LearnerIsolate> {
  const isolate = kept.isolate ?? deps.racerIsolates.at(-1);
  if (
    isolate &&
    !isolate.stopped &&
    isolate.cpuMs < deps.limits.cpuMs / 2 &&
    (kept.isolate === isolate || (await isolate.holdsLittleMemory()))
  ) {
    kept.isolate = isolate;
    return isolate;
  }
  isolate?.dispose();
  kept.contexts.fill(undefined);
  kept.isolate = LearnerIsolate.forRun(deps.program, deps.limits, true);
  deps.racerIsolates.push(kept.isolate);
  return kept.isolate;
}

interface Found {
  number: number;
  origin: Schedule['origin'];
  seed: number;
}

function how({ number, origin, seed }: Found): string {
  return origin === 'systematic'
    ? `interleaving ${number}, tried in order`
    : `interleaving ${number}, chosen at random from seed ${seed}`;
}

/** A limit hit in one interleaving: an error, with the steps up to it. */
function limitHit(
  run: Interleaving,
  { racer, error }: NonNullable<Interleaving['limit']>,
  labels: readonly string[],
  found: Found,
): LearnerCodeError {
  const who = racer === undefined ? '' : `${racerName(labels, racer)}: `;
  return new LearnerCodeError(
    `${who}${error.message}\nThe calls ran at the same time, their Redis commands interleaved like this (${how(found)}):\n${interleavingTable(run.steps, labels, run.outcomes)}`,
    error.reason,
    error.location,
  );
}

/** verify's failure, with the interleaving that broke it. */
function verifyFailed(
  failure: CheckFailure,
  run: Interleaving,
  labels: readonly string[],
  found: Found,
): CheckFailure {
  if (isSerial(run.steps)) {
    // Wrong even without a race: the failure reads as any other check's.
    const order = serialOrder(run.steps, labels.length).map((racer) => racerName(labels, racer));
    // After the first interleaving, the same order may fail where it passed: the modules had run.
    const later = found.number > 1 ? ', the modules having run before' : '';
    return new CheckFailure(
      `${failure.message} (with the calls run one after another${later}: ${order.join(', then ')})`,
      failure.expected,
      failure.actual,
      failure.detail,
    );
  }
  return new CheckFailure(
    `${failure.message}\nThe calls ran at the same time, their Redis commands interleaved like this (${how(found)}):\n${interleavingTable(run.steps, labels, run.outcomes)}`,
    failure.expected,
    failure.actual,
    { ...failure.detail, reason: 'race' },
  );
}

/** Waits for the blocked connections of an interleaving to be gone from Redis. */
async function noneBlocked(trusted: Redis): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    if ((await blockedLearnerClients(trusted)) === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

/** `transfer(redis, 'ada', 'bo', 10)`: a call as the table names it when the check does not. */
function defaultLabel([name, ...args]: readonly [string, ...unknown[]]): string {
  const shown = args.map((arg) =>
    typeof arg === 'object' && arg !== null && (arg as { kind?: unknown }).kind === 'sandbox-client'
      ? 'redis'
      : show(arg),
  );
  const text = `${name}(${shown.join(', ')})`;
  return text.length > 48 ? `${text.slice(0, 47)}…` : text;
}
