import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const STORE = `
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return redis.call('MEMORY', 'USAGE', KEYS[1])
`;

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const bytes = await readFile(file);
  return Number(await redis.eval(STORE, 1, `thumb:${id}`, bytes, 3600));
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return (await redis.callBuffer(
    'GETEX',
    `thumb:${id}`,
    'EXAT',
    Math.floor(Date.now() / 1000) + 3600,
  )) as Buffer | null;
}
