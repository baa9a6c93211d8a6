// One script MSETs every pair (keys in KEYS, values in ARGV); the read is EXISTS and GET in one
// MULTI, which tells an empty value from a missing key.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

const SAVE = `
local pairs = {}
for i, key in ipairs(KEYS) do
  pairs[#pairs + 1] = key
  pairs[#pairs + 1] = ARGV[i]
end
if #pairs > 0 then redis.call('MSET', unpack(pairs)) end
return #KEYS
`;

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  const names = Object.keys(preferences);
  await redis.eval(
    SAVE,
    names.length,
    ...names.map((name) => keyOf(userId, name)),
    ...names.map((name) => preferences[name] ?? ''),
  );
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  const key = keyOf(userId, name);
  const replies = await redis.multi().exists(key).get(key).exec();
  if (!replies) throw new Error('MULTI was aborted');
  const [[existsError, exists], [getError, value]] = replies as [
    [Error | null, number],
    [Error | null, string | null],
  ];
  if (existsError || getError) throw existsError ?? getError;
  return exists === 1 ? (value ?? '') : null;
}
