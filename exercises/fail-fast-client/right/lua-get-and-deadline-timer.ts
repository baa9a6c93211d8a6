// GET run inside a Lua script (EVAL), ioredis left to reconnect every 40 ms with no per-command
// limit, and a deadline of our own at 700 ms that answers the fallback; the client is closed in
// finally either way, which ends its reconnection loop.
import Redis from 'ioredis';

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis({ retryStrategy: () => 40, maxRetriesPerRequest: null });
  redis.on('error', () => {});
  let deadline: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => {
    deadline = setTimeout(() => resolve(null), 700);
  });
  try {
    const read = redis.eval("return redis.call('GET', KEYS[1])", 1, key) as Promise<string | null>;
    // Once the deadline wins, the read fails when the client closes: nothing to report.
    read.catch(() => {});
    return (await Promise.race([read, late])) ?? fallback;
  } catch {
    return fallback;
  } finally {
    clearTimeout(deadline);
    redis.disconnect();
  }
}
