// fails: savePreferences stores each preference as a string under user:<id>:pref:<name>
// Pastes keys and values into the Lua source instead of passing them as KEYS and ARGV, escaping
// quotes only: Lua reads the value's backslashes as escapes, so C:\new is stored with a newline.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;
const quoted = (text: string) => text.replaceAll("'", "\\'");

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  const lines = Object.entries(preferences).map(
    ([name, value]) => `redis.call('SET', '${quoted(keyOf(userId, name))}', '${quoted(value)}')`,
  );
  if (lines.length === 0) return;
  await redis.eval(lines.join('\n'), 0);
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  return redis.get(keyOf(userId, name));
}
