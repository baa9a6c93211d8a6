// Each SET sent as an ioredis Command through sendCommand; the read takes the value's bytes with
// getBuffer and decodes them as UTF-8.
import type Redis from 'ioredis';
import { Command } from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  for (const [name, value] of Object.entries(preferences)) {
    const command = new Command('SET', [keyOf(userId, name), value]);
    await redis.sendCommand(command);
    await command.promise;
  }
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  const bytes = await redis.getBuffer(keyOf(userId, name));
  return bytes === null ? null : bytes.toString('utf8');
}
