// Each preference is DEL then APPEND in one MULTI (APPEND writes the value to a fresh key, the
// empty string included; DEL drops any old value and expiry); the read is SUBSTR 0 -1 beside
// EXISTS in a MULTI, which tells an empty value from a missing key.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  const entries = Object.entries(preferences);
  if (entries.length === 0) return;
  const transaction = redis.multi();
  for (const [name, value] of entries) {
    transaction.del(keyOf(userId, name)).append(keyOf(userId, name), value);
  }
  const replies = await transaction.exec();
  if (!replies) throw new Error('the transaction was aborted');
  for (const [error] of replies) if (error) throw error;
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  const key = keyOf(userId, name);
  const replies = await redis.multi().exists(key).call('SUBSTR', key, '0', '-1').exec();
  if (!replies) throw new Error('the transaction was aborted');
  const [[existsError, exists], [readError, value]] = replies as [
    [unknown, unknown],
    [unknown, unknown],
  ];
  if (existsError) throw existsError;
  if (readError) throw readError;
  return exists === 1 ? (value as string) : null;
}
