// fails: returns the value of the key, or the fallback when there is none
// Normalizes the key to NFC, so a name with e and a combining accent reads another key: read the key as given.
import Redis from 'ioredis';

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis({
    retryStrategy: (times) => Math.min(times * 50, 200),
    maxRetriesPerRequest: 4,
  });
  redis.on('error', () => {});
  try {
    return (await redis.get(key.normalize('NFC'))) ?? fallback;
  } catch {
    return fallback;
  } finally {
    redis.disconnect();
  }
}
