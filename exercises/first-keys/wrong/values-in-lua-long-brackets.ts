// fails: savePreferences stores each preference as a string under user:<id>:pref:<name>
// Pastes keys and values into the Lua source inside [==[ … ]==]: Lua drops a newline right
// after the bracket, so '\nNight mode' is stored as 'Night mode'.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;
const long = (text: string) => `[==[${text}]==]`;

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  const lines = Object.entries(preferences).map(
    ([name, value]) => `redis.call('SET', ${long(keyOf(userId, name))}, ${long(value)})`,
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
