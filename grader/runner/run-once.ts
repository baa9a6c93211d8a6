import type { RunCall, RunOnceResult } from '../../contracts/index.ts';
import { show } from '../checks/expect.ts';
import type { SandboxAddress } from '../redis/sandbox-server.ts';
import type { Location } from '../result/grade-result.ts';
import { fixtureReader } from './fixtures.ts';
import { type CallArg, LearnerCodeError, LearnerIsolate } from './learner-isolate.ts';
import { openLearnerScope } from './learner-scope.ts';
import type { RunLimits } from './limits.ts';
import { CommandBudget } from './redis-bridge.ts';
import { prepareSandbox, SetupRefusedError } from './run-setup.ts';
import { SandboxConnections } from './sandbox-connections.ts';
import { CompileError, transpile } from './transpile.ts';

/** Stands for the learner's Redis client among the arguments of a Run call (exercise.md `run:`). */
export const CLIENT_ARGUMENT = '$redis';

export type { RunCall, RunOnceResult };

export interface RunJob {
  source: string;
  /** The learner's name for the file, used in every message (see GradeJob). */
  file: string;
  fixturesDir: string;
  /** The learner's own sandbox: Run leaves its keys there, to be looked at. */
  sandbox: SandboxAddress;
  limits: RunLimits;
  /** Redis commands, as their words, sent as the learner before the first call (`setup:`). */
  setup?: string[][];
  calls: RunCall[];
}

/**
 * Runs the learner's code once, without checks, against their own sandbox, which is neither
 * emptied before nor after: what the code stores stays there for the learner to look at.
 */
export async function runOnce(job: RunJob): Promise<RunOnceResult> {
  LearnerIsolate.runBegins();
  const started = performance.now();
  const calls: RunOnceResult['calls'] = [];
  const result = (output: string, message?: string, location?: Location): RunOnceResult => ({
    status: message !== undefined || calls.some((call) => call.error) ? 'error' : 'ok',
    ...(message === undefined ? {} : { message }),
    ...(location && { location }),
    calls,
    output,
    durationMs: Math.round(performance.now() - started),
  });
  let program: ReturnType<typeof transpile>;
  try {
    program = transpile(job.source, job.file);
  } catch (error) {
    if (error instanceof CompileError) return result('', error.message, error.location);
    throw error;
  }
  const connections = new SandboxConnections(job.sandbox);
  try {
    await prepareSandbox(connections, job.setup ?? []);
  } catch (error) {
    connections.close();
    if (error instanceof SetupRefusedError) return result('', error.message);
    throw error;
  }
  const isolate = LearnerIsolate.forRun(program, job.limits);
  const scope = openLearnerScope(
    connections,
    new CommandBudget(job.limits.maxCommands, job.limits.maxTransferMb * 1024 * 1024),
    fixtureReader(job.fixturesDir),
  );
  try {
    const context = await isolate.load(scope.capabilities);
    for (const { call, args } of job.calls) {
      try {
        const { value } = await context.call(call, args.map(toCallArg));
        calls.push({ call, args, returned: show(value) });
      } catch (error) {
        if (!(error instanceof LearnerCodeError)) throw error;
        const { reason, location } = error;
        const message = withAdvice(error.message);
        calls.push({ call, args, error: message, reason, ...(location && { location }) });
        break;
      }
    }
    const output = await context.takeOutput();
    context.release();
    return result(output);
  } catch (error) {
    if (error instanceof LearnerCodeError) return result('', error.message, error.location);
    throw error;
  } finally {
    await scope.close();
    connections.close();
    LearnerIsolate.retire([isolate], job.limits);
  }
}

/**
 * Run's sandbox keeps what earlier Runs and the console stored: after code that kept a key as
 * another type, even right code meets WRONGTYPE there, which a grading's empty sandbox never shows.
 */
function withAdvice(message: string): string {
  if (!message.includes('WRONGTYPE Operation against a key holding the wrong kind of value')) {
    return message;
  }
  return `${message}. A key it used holds another type of value, perhaps left in your Redis by an earlier Run or the console: the key browser shows it; delete it (DEL <key> in the console), then Run again.`;
}

function toCallArg(arg: unknown): CallArg {
  return arg === CLIENT_ARGUMENT ? { kind: 'sandbox-client' } : { kind: 'value', value: arg };
}
