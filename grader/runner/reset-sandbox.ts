import type Redis from 'ioredis';
import { LearnerCodeError } from './learner-isolate.ts';

/**
 * The sandbox had to be shut down (a learner's script wrote and then never finished), or it
 * stopped (it ran out of memory under its address-space limit, or crashed).
 */
export class SandboxLostError extends LearnerCodeError {
  override name = 'SandboxLostError';
}

/** What the learner is told when the sandbox stopped under their code. */
export const SANDBOX_STOPPED =
  'your code made the sandbox Redis stop: it ran out of memory (a Lua script that builds a huge string or table does that) or crashed, so it was replaced (sandbox memory limit)';

/** Whether an error of the grader's own client says that the sandbox is gone. */
export function sandboxGone(error: unknown): boolean {
  // ioredis's own words for a socket that is gone; a check's own error (a fixture not found,
  // ENOENT) must not read as a stopped sandbox.
  return /^(Connection is closed|Stream isn't writeable|connect (ECONNREFUSED|ENOENT) |read ECONNRESET|write EPIPE)/.test(
    (error as Error)?.message ?? '',
  );
}

/**
 * Runs one of the grader's own commands on a sandbox even when a learner's endless Lua script
 * holds it: after busy-reply-threshold Redis answers BUSY, the script is killed, and the command
 * is tried again.
 */
export async function whenIdle<T>(redis: Redis, command: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await command();
    } catch (error) {
      if (sandboxGone(error)) throw new SandboxLostError(SANDBOX_STOPPED, 'limit');
      if (attempt >= 5 || !/^BUSY/.test((error as Error).message)) throw error;
      const killed = await Promise.all([
        redis.call('SCRIPT', 'KILL').catch((reply: Error) => reply.message),
        redis.call('FUNCTION', 'KILL').catch((reply: Error) => reply.message),
      ]);
      if (killed.some((reply) => /UNKILLABLE/.test(String(reply)))) {
        // Only a shutdown ends a script that has written; the pool starts a new sandbox.
        await redis.call('SHUTDOWN', 'NOSAVE').catch(() => {});
        throw new SandboxLostError(
          'your Lua script wrote to Redis and then never finished; such a script cannot be stopped, so the sandbox Redis was shut down (script limit)',
        );
      }
      // A killed script stops at its next check for interruption; give it that moment.
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
}

/** Empties a sandbox for the next check: keys, Lua scripts and function libraries alike. */
export function resetSandbox(redis: Redis): Promise<unknown> {
  return whenIdle(redis, async () => {
    // One round trip; a pipeline (not MULTI) so a BUSY reply arrives as itself. SCRIPT FLUSH
    // makes Redis a new Lua interpreter, several times the cost of the rest: it is sent only
    // when Redis says it holds a script (EVAL keeps every script it runs).
    const replies = await redis
      .pipeline()
      .flushall()
      .call('FUNCTION', 'FLUSH')
      .info('memory')
      .exec();
    const failed = replies?.find(([error]) => error);
    if (failed?.[0]) throw failed[0];
    if (!/^number_of_cached_scripts:0\r?$/m.test(String(replies?.[2]?.[1]))) {
      await redis.call('SCRIPT', 'FLUSH');
    }
  });
}
