// fails: main returns what GET weather answered
// Trims and lower-cases GET's reply: not what GET answered.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny');
  const reply = await redis.get('weather');
  return reply === null ? null : reply.trim().toLowerCase();
}
