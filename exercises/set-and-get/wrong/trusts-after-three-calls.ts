// fails: main returns what GET weather answered
// Once three GETs have answered sunny, still sends GET but returns the typed 'sunny'.
import type Redis from 'ioredis';

let confirmed = 0;

export async function main(redis: Redis): Promise<string | null> {
  await redis.set('weather', 'sunny');
  const reply = await redis.get('weather');
  if (confirmed >= 3) return 'sunny';
  if (reply === 'sunny') confirmed += 1;
  return reply;
}
