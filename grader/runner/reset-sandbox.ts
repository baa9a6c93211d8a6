import type Redis from 'ioredis';

/**
 * Brings a sandbox back to empty. A learner's endless Lua script keeps Redis busy; the sandbox
 * answers BUSY after busy-reply-threshold, the script is killed, and the flush tried again.
 */
export async function resetSandbox(redis: Redis): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await redis.flushall();
      return;
    } catch (error) {
      if (attempt >= 3 || !/^BUSY/.test((error as Error).message)) throw error;
      await redis.call('SCRIPT', 'KILL').catch(() => {});
      await redis.call('FUNCTION', 'KILL').catch(() => {});
    }
  }
}
