// Right: a URL, 100 ms between attempts, six retries per command, the GET sent with call(),
// and disconnect(false) on every path.
import Redis from 'ioredis';

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis('redis://127.0.0.1:6379', {
    retryStrategy: () => 100,
    maxRetriesPerRequest: 6,
  });
  redis.addListener('error', () => undefined);
  let answer = fallback;
  try {
    const value = (await redis.call('GET', key)) as string | null;
    if (typeof value === 'string') answer = value;
  } catch {
    answer = fallback;
  }
  redis.disconnect(false);
  return answer;
}
