import Redis from 'ioredis';

/**
 * Options for a client that fails at once rather than waiting: no offline queue, no retries, no
 * reconnection. A probe, or a connection to a server that is not coming back, has nothing to wait
 * for.
 */
export const FAIL_FAST = {
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  retryStrategy: () => null,
  // ioredis waits this long for a socket to close after disconnect(), holding the process open.
  disconnectTimeout: 0,
} as const;

export interface PingTarget {
  path: string;
  username?: string;
  password?: string;
}

/**
 * Resolves once the redis-server at `path` answers PING (which it does only once it has loaded its
 * data), asking every `everyMs`; rejects with the last error after `timeoutMs`.
 */
export async function waitForPing(
  target: PingTarget,
  { timeoutMs, everyMs }: { timeoutMs: number; everyMs: number },
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const probe = new Redis({ ...target, lazyConnect: true, ...FAIL_FAST });
    probe.on('error', () => {});
    try {
      await probe.connect();
      if ((await probe.ping()) === 'PONG') return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
    } finally {
      probe.disconnect();
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
