import type Redis from 'ioredis';
import { ReplyError } from 'ioredis';
import type { CheckContext, Random, SandboxClient } from '../checks/api.ts';
import { CheckFailure, expect } from '../checks/expect.ts';
import { seededRandom } from '../checks/random.ts';
import type { SandboxAddress } from '../redis/sandbox-server.ts';
import {
  type CheckResult,
  type GradeResult,
  NOT_RUN,
  overallStatus,
  RESULT_VERSION,
} from '../result/grade-result.ts';
import { fixtureReader } from './fixtures.ts';
import {
  type CallArg,
  type Capabilities,
  LearnerCodeError,
  type LearnerContext,
  LearnerIsolate,
} from './learner-isolate.ts';
import { openLearnerScope } from './learner-scope.ts';
import type { RunLimits } from './limits.ts';
import { loadChecks } from './load-checks.ts';
import { CommandBudget, type RedisBridge } from './redis-bridge.ts';
import { resetSandbox, SandboxLostError, whenIdle } from './reset-sandbox.ts';
import { connectionsTo } from './sandbox-connections.ts';
import { CompileError, type Program, transpile } from './transpile.ts';

export interface Graded {
  result: GradeResult;
  /** The sandbox was shut down during the run (see SandboxLostError); it must not be lent again. */
  sandboxLost: boolean;
}

export interface GradeJob {
  exerciseId: string;
  checksPath: string;
  fixturesDir: string;
  source: string;
  sandbox: SandboxAddress;
  limits: RunLimits;
}

const SANDBOX_CLIENT: SandboxClient = { kind: 'sandbox-client' };

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
  let sandboxLost = false;
  const isolates: LearnerIsolate[] = [];
  try {
    const result = await gradeIn(job, isolates, onCheckStart, () => {
      sandboxLost = true;
    });
    return { result, sandboxLost };
  } finally {
    LearnerIsolate.retire(isolates, job.limits);
  }
}

async function gradeIn(
  job: GradeJob,
  isolates: LearnerIsolate[],
  onCheckStart: () => void,
  onSandboxLost: () => void,
): Promise<GradeResult> {
  const started = performance.now();
  const checks = await loadChecks(job.exerciseId, job.checksPath);
  const budget = new CommandBudget(job.limits.maxCommands);
  const random = seededRandom();
  const readFixture = fixtureReader(job.fixturesDir);
  const connections = connectionsTo(job.sandbox);
  const trusted = connections.trusted();
  const finish = (results: CheckResult[], message?: string): GradeResult => ({
    version: RESULT_VERSION,
    exercise: job.exerciseId,
    status: overallStatus(results),
    ...(message === undefined ? {} : { message }),
    durationMs: elapsed(started),
    checks: results,
    usage: {
      commands: budget.used,
      redisMemoryBytes: 0,
      cpuMs: round(isolates.reduce((sum, isolate) => sum + isolate.cpuMs, 0)),
    },
  });

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
    program = transpile(job.source);
  } catch (error) {
    if (error instanceof CompileError) return finish([], error.message);
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
    current.lend(capabilities);
    loaded ??= await current.load();
    return loaded;
  };

  const results: CheckResult[] = [];
  for (const [index, check] of checks.entries()) {
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
          message: `${NOT_RUN}${error.message}`,
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
        return finish([], error.message);
      }
      results.push({
        name: check.name,
        status: 'error',
        message: error.message,
        durationMs: elapsed(checkStarted),
      });
      await scope.close();
      continue;
    }
    const verdict = await withDeadline(
      check.run(checkContext(context, trusted, scope.bridge, random)),
      job.limits.checkTimeoutMs,
    ).then(
      () => ({ status: 'pass' as const }),
      (error: unknown) => judge(error, job),
    );
    // The gate closes first; taking the output then waits for whatever the isolate still had
    // queued, so no reply or timer of this check can act once the next one lends its own.
    const closing = scope.close();
    const output = await context.takeOutput();
    await closing;
    isolates.at(-1)?.abandonUnfinished();
    results.push({
      name: check.name,
      ...verdict,
      ...(output ? { output } : {}),
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

function checkContext(
  learner: LearnerContext,
  redis: Redis,
  bridge: RedisBridge,
  random: Random,
): CheckContext<unknown> {
  return {
    // The exports' types are the instructor's; at run time a call is a name and copied arguments.
    call: ((name: string, ...args: unknown[]) =>
      learner.call(name, args.map(toCallArg))) as unknown as CheckContext<unknown>['call'],
    sandboxClient: SANDBOX_CLIENT,
    redis,
    commands: () => bridge.commands,
    expect,
    random,
  };
}

function toCallArg(arg: unknown): CallArg {
  return arg === SANDBOX_CLIENT ? { kind: 'sandbox-client' } : { kind: 'value', value: arg };
}

function judge(error: unknown, job: GradeJob): Omit<CheckResult, 'name' | 'durationMs'> {
  if (error instanceof CheckFailure) {
    return {
      status: 'fail',
      message: error.message,
      ...(error.expected === undefined ? {} : { expected: error.expected }),
      ...(error.actual === undefined ? {} : { actual: error.actual }),
    };
  }
  if (error instanceof LearnerCodeError) return { status: 'error', message: error.message };
  // Learner code's own Redis errors arrive as LearnerCodeError; a reply error here answered the
  // grader's read, so the data the learner left is not what the check needs (e.g. WRONGTYPE).
  if (error instanceof ReplyError) {
    return {
      status: 'fail',
      message: `Redis refused the check's read: ${(error as Error).message}`,
    };
  }
  const where = checksLine(error, job);
  return {
    status: 'error',
    message: `the check could not finish: ${(error as Error).message}${where ? ` (${where})` : ''}`,
  };
}

/** Finds the `(exercises/<id>/checks.ts:<line>)` that ends a thrown check's message. */
export const CHECK_CRASH_LOCATION = /\((exercises\/[^)]+\/checks\.ts):(\d+)\)$/;

/**
 * Where in checks.ts the instructor's own code threw, as the course names it
 * (`exercises/<id>/checks.ts:12`), so that a broken check can be found at once.
 */
function checksLine(error: unknown, job: GradeJob): string | undefined {
  // Source-mapped frames name the file by its path; others by its URL, which contains the path.
  const frame = String((error as Error)?.stack ?? '')
    .split('\n')
    .find((line) => line.includes(job.checksPath));
  const line = frame && /:(\d+):\d+\)?$/.exec(frame)?.[1];
  return line ? `exercises/${job.exerciseId}/checks.ts:${line}` : undefined;
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () =>
        reject(new LearnerCodeError(`the check did not finish within ${ms} ms (check time limit)`)),
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
