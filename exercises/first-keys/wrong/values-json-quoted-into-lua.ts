// fails: savePreferences stores each preference as a string under user:<id>:pref:<name>
// Pastes keys and values into the Lua source quoted with JSON.stringify: a control character
// becomes \u0001, which Lua does not read back as that character.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  const lines = Object.entries(preferences).map(
    ([name, value]) =>
      `redis.call('SET', ${JSON.stringify(keyOf(userId, name))}, ${JSON.stringify(value)})`,
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
