// fails: returns the value of the key, or the fallback when there is none
// A call that starts while another runs borrows that call's client instead of making its own,
// and the first to finish closes it under the other.
import Redis from 'ioredis';

let inFlight: Redis | undefined;

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis =
    inFlight ??
    new Redis({
      retryStrategy: (times) => Math.min(times * 50, 200),
      maxRetriesPerRequest: 4,
    });
  if (redis !== inFlight) redis.on('error', () => {});
  inFlight = redis;
  try {
    return (await redis.get(key)) ?? fallback;
  } catch {
    return fallback;
  } finally {
    if (inFlight === redis) inFlight = undefined;
    redis.disconnect();
  }
}
