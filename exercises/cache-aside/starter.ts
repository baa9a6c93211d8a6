import type Redis from 'ioredis';

export async function getForecast(redis: Redis, city: string): Promise<string | null> {
  // TODO: 1. GET cache:forecast:<city>; if it holds a value, return it.
  // TODO: 2. Otherwise HGET db:forecasts <city>; if there is a forecast, store it under
  //          cache:forecast:<city> with a 60-second TTL, and return it (null if there is none).
  void redis;
  void city;
  return null;
}
