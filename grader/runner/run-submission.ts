import Redis, { ReplyError } from 'ioredis';
import type { CheckContext, SandboxClient } from '../checks/api.ts';
import { CheckFailure, expect } from '../checks/expect.ts';
import type { SandboxAddress } from '../redis/sandbox-server.ts';
import {
  type CheckResult,
  type GradeResult,
  overallStatus,
  RESULT_VERSION,
} from '../result/grade-result.ts';
import { type CallArg, LearnerCodeError, LearnerIsolate } from './learner-isolate.ts';
import type { RunLimits } from './limits.ts';
import { loadChecks } from './load-checks.ts';
import { OutputCapture } from './output-capture.ts';
import { RedisBridge } from './redis-bridge.ts';
import { CompileError, transpile } from './transpile.ts';

export interface GradeJob {
  exerciseId: string;
  checksPath: string;
  source: string;
  sandbox: SandboxAddress;
  limits: RunLimits;
}

const SANDBOX_CLIENT: SandboxClient = { kind: 'sandbox-client' };

/**
 * Grades one submission inside a worker: the learner's module in a fresh isolate, then each
 * check, in authored order, against a flushed sandbox. Assertions run here, never in the isolate.
 */
export async function runSubmission(job: GradeJob): Promise<GradeResult> {
  const started = performance.now();
  const checks = await loadChecks(job.exerciseId, job.checksPath);
  const bridge = new RedisBridge(job.sandbox);
  const output = new OutputCapture(job.limits.outputChars);
  const finish = (checkResults: CheckResult[], message?: string): GradeResult => ({
    version: RESULT_VERSION,
    exercise: job.exerciseId,
    status: overallStatus(checkResults),
    ...(message === undefined ? {} : { message }),
    durationMs: elapsed(started),
    checks: checkResults,
    usage: { commands: bridge.commandCount, redisMemoryBytes: 0, cpuMs: 0 },
  });

  const trusted = new Redis({
    path: job.sandbox.socketPath,
    username: 'grader',
    password: job.sandbox.graderPassword,
  });
  let loaded: LearnerIsolate | undefined;
  try {
    await trusted.flushall();
    try {
      loaded = await LearnerIsolate.load(transpile(job.source), bridge, output.print, {
        memoryMb: job.limits.memoryMb,
        timeoutMs: job.limits.callTimeoutMs,
      });
    } catch (error) {
      if (error instanceof CompileError || error instanceof LearnerCodeError) {
        const printed = output.take();
        return finish([], printed ? `${error.message}\n\nOutput:\n${printed}` : error.message);
      }
      throw error;
    }
    const isolate = loaded;
    const results: CheckResult[] = [];
    for (const check of checks) {
      await trusted.flushall();
      bridge.resetLog();
      results.push(await runCheck(check.name, () => check.run(context(isolate, trusted, bridge))));
    }
    const result = finish(results);
    result.usage.cpuMs = isolate.cpuMs;
    result.usage.redisMemoryBytes = await usedMemory(trusted);
    return result;
  } finally {
    loaded?.dispose();
    bridge.close();
    trusted.disconnect();
  }

  async function runCheck(name: string, run: () => Promise<void>): Promise<CheckResult> {
    const checkStarted = performance.now();
    const verdict = await withDeadline(run(), job.limits.checkTimeoutMs).then(
      () => ({ status: 'pass' as const }),
      (error: unknown) => judge(error),
    );
    const printed = output.take();
    return {
      name,
      ...verdict,
      ...(printed === undefined ? {} : { output: printed }),
      durationMs: elapsed(checkStarted),
    };
  }
}

function context(
  isolate: LearnerIsolate,
  redis: Redis,
  bridge: RedisBridge,
): CheckContext<unknown> {
  return {
    // The exports' types are the instructor's; at run time a call is a name and copied arguments.
    call: ((name: string, ...args: unknown[]) =>
      isolate.call(name, args.map(toCallArg))) as unknown as CheckContext<unknown>['call'],
    sandboxClient: SANDBOX_CLIENT,
    redis,
    commands: () => bridge.commands,
    expect,
  };
}

function toCallArg(arg: unknown): CallArg {
  return arg === SANDBOX_CLIENT ? { kind: 'sandbox-client' } : { kind: 'value', value: arg };
}

function judge(error: unknown): Omit<CheckResult, 'name' | 'durationMs'> {
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
  return { status: 'error', message: `the check could not finish: ${(error as Error).message}` };
}

function withDeadline<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new LearnerCodeError(`the check did not finish within ${ms} ms`)),
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
  return Math.round((performance.now() - since) * 100) / 100;
}
