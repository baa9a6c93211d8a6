// One Lua script saves every preference, keys in KEYS and values in ARGV; the read is a GETEX
// with no option, which leaves the TTL alone.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

const SAVE = `
for i, key in ipairs(KEYS) do
  redis.call('SET', key, ARGV[i])
end
return #KEYS
`;

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  const entries = Object.entries(preferences);
  if (entries.length === 0) return;
  await redis.eval(
    SAVE,
    entries.length,
    ...entries.map(([name]) => keyOf(userId, name)),
    ...entries.map(([, value]) => value),
  );
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  return redis.getex(keyOf(userId, name));
}
