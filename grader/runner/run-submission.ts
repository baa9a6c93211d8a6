import type Redis from 'ioredis';
import { seededRandom } from '../checks/random.ts';
import type { SandboxAddress } from '../redis/sandbox-server.ts';
import {
  type CheckResult,
  DEFAULT_POINTS,
  type GradeResult,
  type Location,
  overallStatus,
  pointsOf,
  RESULT_VERSION,
  type Reason,
  scoreOf,
} from '../result/grade-result.ts';
import { checkContext, runCheck, toCallArg } from './check-context.ts';
import { CommandMonitor } from './command-monitor.ts';
import { exportLocation } from './export-location.ts';
import { fixtureReader } from './fixtures.ts';
import {
  type Capabilities,
  LearnerCodeError,
  type LearnerContext,
  LearnerIsolate,
} from './learner-isolate.ts';
import { openLearnerScope } from './learner-scope.ts';
import type { RunLimits } from './limits.ts';
import { loadChecks, possiblePoints } from './load-checks.ts';
import { raceFor } from './race/run-race.ts';
import { ActivityRecorder } from './redis-activity.ts';
import { CommandBudget } from './redis-bridge.ts';
import { resetSandbox, SandboxLostError, whenIdle } from './reset-sandbox.ts';
import { connectionsTo } from './sandbox-connections.ts';
import { StallMeter } from './stall-meter.ts';
import { CompileError, type Program, transpile } from './transpile.ts';
import { judge, learnerError, type Verdict } from './verdict.ts';

export interface Graded {
  result: GradeResult;
  /** The sandbox was shut down during the run (see SandboxLostError); it must not be lent again. */
  sandboxLost: boolean;
}

/**
 * Where `verify` may end a grading short, when the checks after it cannot change what it asks
 * of the grading. A learner's grading runs every check.
 */
export interface GradeStop {
  /** No check after the one of this name. */
  afterCheck?: string;
  /** No check after the first that does not pass. */
  atFailure?: boolean;
}

export interface GradeJob {
  exerciseId: string;
  checksPath: string;
  fixturesDir: string;
  source: string;
  /** The learner's name for the file (`alice/set-and-get.ts`), used in every message. */
  file: string;
  sandbox: SandboxAddress;
  limits: RunLimits;
  /** Seeds the checks' random data; the grader chooses it, so it knows it even if this worker dies. */
  seed: number;
  stop?: GradeStop;
}

/**
 * Grades one submission inside a worker. The learner's module is loaded once, as a test suite
 * imports it once on the learner's machine; each check, in authored order, gets a flushed sandbox
 * and capabilities of its own, revoked when it ends. Assertions run here, in the trusted worker,
 * never in the isolate.
 */
export async function runSubmission(
  job: GradeJob,
  onCheckStart: () => void = () => {},
): Promise<Graded> {
  LearnerIsolate.runBegins();
  let sandboxLost = false;
  const isolates: LearnerIsolate[] = [];
  const racerIsolates: LearnerIsolate[] = [];
  try {
    const result = await gradeIn(job, isolates, racerIsolates, onCheckStart, () => {
      sandboxLost = true;
    });
    return { result, sandboxLost };
  } finally {
    LearnerIsolate.retire([...isolates, ...racerIsolates], job.limits);
  }
}

async function gradeIn(
  job: GradeJob,
  isolates: LearnerIsolate[],
  racerIsolates: LearnerIsolate[],
  onCheckStart: () => void,
  onSandboxLost: () => void,
): Promise<GradeResult> {
  const started = performance.now();
  const checks = await loadChecks(job.exerciseId, job.checksPath);
  const budget = new CommandBudget(job.limits.maxCommands, job.limits.maxTransferMb * 1024 * 1024);
  const random = seededRandom(job.seed);
  const readFixture = fixtureReader(job.fixturesDir);
  const connections = connectionsTo(job.sandbox);
  const trusted = connections.trusted();
  connections.topUp();
  const worth = checks.map(pointsOf);
  const finish = (
    results: CheckResult[],
    failure?: { message: string; reason: Reason; location?: Location | undefined },
  ): GradeResult => {
    // results[i] is checks[i]'s: each check, in order, gives one result (those left out, last).
    const scored = results.map((check, index) => ({
      ...check,
      points: worth[index] ?? DEFAULT_POINTS,
    }));
    return {
      version: RESULT_VERSION,
      exercise: job.exerciseId,
      status: overallStatus(scored),
      ...(failure && {
        reason: failure.reason,
        message: failure.message,
        ...(failure.location && { location: failure.location }),
      }),
      durationMs: elapsed(started),
      checks: scored,
      usage: {
        commands: budget.used,
        redisMemoryBytes: 0,
        cpuMs: round(isolates.reduce((sum, isolate) => sum + isolate.cpuMs, 0)),
      },
      score: scoreOf(scored, possiblePoints(checks)),
    };
  };

  const redisLimits = [
    'maxmemory',
    String(job.limits.redisMemoryMb * 1024 * 1024),
    'proto-max-bulk-len',
    String(job.limits.maxValueMb * 1024 * 1024),
  ];
  if (connections.appliedLimits !== redisLimits.join(' ')) {
    // whenIdle: a script left running by an earlier run is killed first.
    await whenIdle(trusted, () =>
      trusted.config('SET', ...(redisLimits as [string, string, string, string])),
    );
    connections.appliedLimits = redisLimits.join(' ');
  }
  let program: Program;
  try {
    program = transpile(job.source, job.file);
  } catch (error) {
    if (error instanceof CompileError) {
      return finish([], {
        message: error.message,
        reason: 'compile-error',
        location: error.location,
      });
    }
    throw error;
  }
  let loaded: LearnerContext | undefined;
  // The module is loaded once, unless it threw as it loaded or its isolate was stopped by a limit
  // (and replaced, so that one runaway check does not doom the rest). The check in progress lends
  // its capabilities; those of a check that ended are revoked, so nothing it left pending can act
  // in a later one.
  const learner = async (capabilities: Capabilities): Promise<LearnerContext> => {
    let current = isolates.at(-1);
    if (!current || current.stopped) {
      current = LearnerIsolate.forRun(program, job.limits);
      isolates.push(current);
      loaded = undefined;
    }
    if (loaded) loaded.lend(capabilities);
    else loaded = await current.load(capabilities);
    return loaded;
  };

  const results: CheckResult[] = [];
  for (const [index, check] of checks.entries()) {
    if (stopsAfter(job.stop, results.at(-1))) break;
    onCheckStart();
    try {
      await resetSandbox(trusted);
    } catch (error) {
      if (!(error instanceof SandboxLostError)) throw error;
      onSandboxLost();
      // The sandbox is gone: the checks left cannot run. The pool replaces the sandbox.
      for (const skipped of checks.slice(index)) {
        results.push({
          name: skipped.name,
          status: 'error',
          reason: 'not-run',
          message: `not run: ${error.message}`,
          durationMs: 0,
        });
      }
      return finish(results);
    }
    const scope = openLearnerScope(connections, budget, readFixture);
    const checkStarted = performance.now();
    let context: LearnerContext;
    try {
      context = await learner(scope.capabilities);
    } catch (error) {
      if (!(error instanceof LearnerCodeError)) throw error;
      // The module itself does not load: nothing any check could call.
      if (index === 0) {
        await scope.close();
        return finish([], error);
      }
      results.push({
        name: check.name,
        ...learnerError(error, budget),
        durationMs: elapsed(checkStarted),
      });
      await scope.close();
      continue;
    }
    const race = raceFor({
      program,
      limits: job.limits,
      connections,
      trusted,
      budget,
      readFixture,
      random,
      allowUnawaited: check.allowUnawaited ?? false,
      checkStarted,
      toCallArg,
      racerIsolates,
    });
    // Open once Redis has answered MONITOR, which it does once it feeds the monitor every
    // command after: no mark is needed before the check begins.
    const monitor = check.logExecuted ? await CommandMonitor.open(job.sandbox) : undefined;
    const activity = new ActivityRecorder(trusted, scope.bridge);
    const stalls = new StallMeter();
    const verdict = await withDeadline(
      (async () => {
        activity.emptied();
        const ctx = checkContext({
          learner: context,
          redis: trusted,
          bridge: scope.bridge,
          random,
          check,
          randomness: scope.randomness,
          race,
          monitor,
          outage: scope.outage,
          activity,
          stalls,
        });
        await runCheck(check, ctx, scope.bridge);
      })(),
      job.limits.checkTimeoutMs,
    )
      .then(
        () => ({ status: 'pass' as const }),
        (error: unknown) => judge(error, job, budget),
      )
      .finally(() => {
        stalls.stop();
        return monitor?.close();
      });
    // Read before the gate closes: the keys as the check left them, not as a late reply would.
    const redis = await activity.activity(verdict);
    // The gate closes first; taking the output then waits for whatever the isolate still had
    // queued, so no reply or timer of this check can act once the next one lends its own.
    const closing = scope.close();
    const output = await context.takeOutput();
    await closing;
    connections.topUp();
    isolates.at(-1)?.abandonUnfinished();
    results.push({
      name: check.name,
      ...withLocation(verdict, program, scope.bridge.lastCall),
      ...(output ? { output } : {}),
      ...(redis && { redis }),
      durationMs: elapsed(checkStarted),
    });
  }
  const result = finish(results);
  result.usage.redisMemoryBytes = await whenIdle(trusted, () => usedMemory(trusted)).catch(
    (error: unknown) => {
      if (!(error instanceof SandboxLostError)) throw error;
      onSandboxLost();
      return 0;
    },
  );
  return result;
}

/**
 * A failure that says nowhere in the learner's file (an expectation, a time limit) points at the
 * export the check called last: the code that answered wrong, for the editor to mark.
 */
function withLocation(verdict: Verdict, program: Program, lastCall: string | undefined): Verdict {
  if (verdict.status === 'pass' || verdict.location || verdict.reason === 'check-crashed') {
    return verdict;
  }
  const location = lastCall === undefined ? undefined : exportLocation(program, lastCall);
  return location ? { ...verdict, location } : verdict;
}

function stopsAfter(stop: GradeStop | undefined, check: CheckResult | undefined): boolean {
  if (!stop || !check) return false;
  return check.name === stop.afterCheck || (stop.atFailure === true && check.status !== 'pass');
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(
          new LearnerCodeError(
            `the check did not finish within ${ms} ms (check time limit)`,
            'timeout',
          ),
        ),
      ms,
    );
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/^used_memory:(\d+)/m.exec(info)?.[1] ?? 0);
}

function elapsed(since: number): number {
  return round(performance.now() - since);
}

function round(ms: number): number {
  return Math.round(ms * 100) / 100;
}
