// GET read as bytes with getBuffer, then turned into text.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny');
  const reply = await redis.getBuffer('weather');
  return reply === null ? null : reply.toString('utf8');
}
