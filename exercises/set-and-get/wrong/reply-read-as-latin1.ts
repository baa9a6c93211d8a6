// fails: main returns what GET weather answered
// Decodes GET's reply as latin1, so another client's 'Zürich' comes back garbled: return what GET answered.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny');
  const bytes = await redis.getBuffer('weather');
  return bytes === null ? null : bytes.toString('latin1');
}
