// fails: main returns what GET weather answered
// Normalizes GET's reply to NFC, changing how another client's accented value is written: return what GET answered.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny');
  const value = await redis.get('weather');
  return value === null ? null : value.normalize('NFC');
}
