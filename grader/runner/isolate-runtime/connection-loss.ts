// What ioredis 6 does when Redis is not there (built/redis/event_handler.js, built/Redis.js):
// its errors and defaults, for redis-client.ts's reconnection. grader/runner/redis-away.test.ts
// holds them to the real ioredis against a port where nothing listens.

/** ioredis's error for a command sent while disconnected, with `enableOfflineQueue: false`. */
export const NOT_WRITEABLE = "Stream isn't writeable and enableOfflineQueue options is false";

/** The default `maxRetriesPerRequest`. */
export const DEFAULT_MAX_RETRIES = 20;

/** The default `retryStrategy`: 50 ms doubling up to 5 s, plus up to 199 ms at random. */
export function defaultRetryStrategy(times: number): number {
  const jitter = Math.floor(Math.random() * 200);
  return Math.min(2 ** (times - 1) * 50, 5000) + jitter;
}

/** Node's error for a TCP connection nobody accepts, at the address the client was given. */
export function refusedError(options: Record<string, unknown>): Error {
  const host =
    typeof options.host === 'string' && options.host !== 'localhost' ? options.host : '127.0.0.1';
  const port = typeof options.port === 'number' ? options.port : Number(options.port ?? 6379);
  const error = Object.assign(new Error(`connect ECONNREFUSED ${host}:${port}`), {
    errno: -111,
    code: 'ECONNREFUSED',
    syscall: 'connect',
    address: host,
    port,
  });
  // Node's stack would name its internals; the first line is what a learner reads.
  error.stack = `Error: ${error.message}`;
  return error;
}

/** What commands waiting in the offline queue reject with after that many reconnections. */
export class MaxRetriesPerRequestError extends Error {
  constructor(maxRetriesPerRequest: number) {
    super(
      `Reached the max retries per request limit (which is ${maxRetriesPerRequest}). Refer to "maxRetriesPerRequest" option for details.`,
    );
  }
  override get name(): string {
    return 'MaxRetriesPerRequestError';
  }
}
