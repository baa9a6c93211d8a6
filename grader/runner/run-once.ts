import { show } from '../checks/expect.ts';
import type { SandboxAddress } from '../redis/sandbox-server.ts';
import type { Reason } from '../result/grade-result.ts';
import { fixtureReader } from './fixtures.ts';
import { type CallArg, LearnerCodeError, LearnerIsolate } from './learner-isolate.ts';
import { openLearnerScope } from './learner-scope.ts';
import type { RunLimits } from './limits.ts';
import { CommandBudget } from './redis-bridge.ts';
import { SandboxConnections } from './sandbox-connections.ts';
import { CompileError, transpile } from './transpile.ts';

/** Stands for the learner's Redis client among the arguments of a Run call (exercise.md `run:`). */
export const CLIENT_ARGUMENT = '$redis';

export interface RunCall {
  /** The export to call. */
  call: string;
  args: unknown[];
}

export interface RunJob {
  source: string;
  /** The learner's name for the file, used in every message (see GradeJob). */
  file: string;
  fixturesDir: string;
  /** The learner's own sandbox: Run leaves its keys there, to be looked at. */
  sandbox: SandboxAddress;
  limits: RunLimits;
  calls: RunCall[];
}

/** What one Run did: each call with what it returned (as text) or threw, and what it printed. */
export interface RunOnceResult {
  status: 'ok' | 'error';
  /** Why nothing could be called: a syntax error, a module that throws as it loads. */
  message?: string;
  calls: { call: string; returned?: string; error?: string; reason?: Reason }[];
  output: string;
  durationMs: number;
}

/**
 * Runs the learner's code once, without checks, against their own sandbox, which is neither
 * emptied before nor after: what the code stores stays there for the learner to look at.
 */
export async function runOnce(job: RunJob): Promise<RunOnceResult> {
  const started = performance.now();
  const calls: RunOnceResult['calls'] = [];
  const result = (output: string, message?: string): RunOnceResult => ({
    status: message !== undefined || calls.some((call) => call.error) ? 'error' : 'ok',
    ...(message === undefined ? {} : { message }),
    calls,
    output,
    durationMs: Math.round(performance.now() - started),
  });
  let program: ReturnType<typeof transpile>;
  try {
    program = transpile(job.source, job.file);
  } catch (error) {
    if (error instanceof CompileError) return result('', error.message);
    throw error;
  }
  const isolate = LearnerIsolate.forRun(program, job.limits);
  const connections = new SandboxConnections(job.sandbox);
  const scope = openLearnerScope(
    connections,
    new CommandBudget(job.limits.maxCommands, job.limits.maxTransferMb * 1024 * 1024),
    fixtureReader(job.fixturesDir),
  );
  try {
    isolate.lend(scope.capabilities);
    const context = await isolate.load();
    for (const { call, args } of job.calls) {
      try {
        const { value } = await context.call(call, args.map(toCallArg));
        calls.push({ call, returned: show(value) });
      } catch (error) {
        if (!(error instanceof LearnerCodeError)) throw error;
        calls.push({ call, error: error.message, reason: error.reason });
        break;
      }
    }
    const output = await context.takeOutput();
    context.release();
    return result(output);
  } catch (error) {
    if (error instanceof LearnerCodeError) return result('', error.message);
    throw error;
  } finally {
    await scope.close();
    connections.close();
    LearnerIsolate.retire([isolate], job.limits);
  }
}

function toCallArg(arg: unknown): CallArg {
  return arg === CLIENT_ARGUMENT ? { kind: 'sandbox-client' } : { kind: 'value', value: arg };
}
