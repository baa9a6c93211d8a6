// A pipeline built from an array of commands (one SET each), checked for errors; the read goes
// out through call('GET'), whose reply is the value or null.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  const commands = Object.entries(preferences).map(([name, value]) => [
    'set',
    keyOf(userId, name),
    value,
  ]);
  const replies = (await redis.pipeline(commands).exec()) ?? [];
  for (const [error] of replies) if (error) throw error;
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  return (await redis.call('GET', keyOf(userId, name))) as string | null;
}
