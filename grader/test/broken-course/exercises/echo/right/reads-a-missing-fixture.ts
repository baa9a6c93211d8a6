import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// Reads a file the exercise has no fixtures/ for: verify must name this line.
export async function echo(redis: Redis, value: string): Promise<string | null> {
  await readFile('fixtures/greeting.txt');
  await redis.set('echo', value);
  return redis.get('echo');
}
