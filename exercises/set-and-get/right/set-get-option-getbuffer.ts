// SET with the GET option, then GET read as bytes and turned into text.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny', 'GET');
  const reply = await redis.getBuffer('weather');
  return reply === null ? null : reply.toString('utf8');
}
