// A Redis function library loaded once per client: FCALL saves every preference (keys in KEYS,
// values in ARGV), FCALL_RO reads one.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

const LIBRARY = `#!lua name=prefs
redis.register_function('prefs_save', function(keys, args)
  for i, key in ipairs(keys) do redis.call('SET', key, args[i]) end
  return #keys
end)
redis.register_function{function_name='prefs_read', callback=function(keys)
  return redis.call('GET', keys[1])
end, flags={'no-writes'}}
`;

const loaded = new WeakSet<Redis>();
async function ready(redis: Redis): Promise<void> {
  if (loaded.has(redis)) return;
  await redis.call('FUNCTION', 'LOAD', 'REPLACE', LIBRARY);
  loaded.add(redis);
}

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  const entries = Object.entries(preferences);
  if (entries.length === 0) return;
  await ready(redis);
  await redis.call(
    'FCALL',
    'prefs_save',
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
  await ready(redis);
  const value = await redis.call('FCALL_RO', 'prefs_read', 1, keyOf(userId, name));
  return typeof value === 'string' ? value : null;
}
