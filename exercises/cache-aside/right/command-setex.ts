// Every command built as an ioredis Command and sent with sendCommand; the copy stored with SETEX.
import type Redis from 'ioredis';
import { Command } from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  const key = `cache:forecast:${city}`;
  const cached = await redis.sendCommand(new Command('GET', [key], { replyEncoding: 'utf8' }));
  if (typeof cached === 'string') return cached;
  const forecast = await redis.sendCommand(
    new Command('HGET', ['db:forecasts', city], { replyEncoding: 'utf8' }),
  );
  if (typeof forecast !== 'string') return null;
  await redis.sendCommand(new Command('SETEX', [key, 60, forecast]));
  return forecast;
}
