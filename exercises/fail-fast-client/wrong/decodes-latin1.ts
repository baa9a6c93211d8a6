// fails: returns the value of the key, or the fallback when there is none
// Decodes the value's bytes as latin1, so 'Zoë' comes back as 'ZoÃ«': return the value as stored.
import Redis from 'ioredis';

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis({
    retryStrategy: (times) => Math.min(times * 50, 200),
    maxRetriesPerRequest: 4,
  });
  redis.on('error', () => {});
  try {
    const bytes = await redis.getBuffer(key);
    return bytes === null ? fallback : bytes.toString('latin1');
  } catch {
    return fallback;
  } finally {
    redis.disconnect();
  }
}
