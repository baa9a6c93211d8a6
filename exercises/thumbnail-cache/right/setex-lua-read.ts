// SETEX writes bytes and hour together; MEMORY USAGE through call(); a Lua script reads
// and renews only when the key is there (nil for a miss, nothing created).
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const HOUR = 3600;
const READ = `
local bytes = redis.call('GET', KEYS[1])
if bytes then redis.call('EXPIRE', KEYS[1], ARGV[1]) end
return bytes
`;

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  await redis.setex(key, HOUR, await readFile(file));
  return Number(await redis.call('MEMORY', 'USAGE', key));
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  const bytes: unknown = await redis.callBuffer('EVAL', READ, 1, `thumb:${id}`, HOUR);
  return Buffer.isBuffer(bytes) ? bytes : null;
}
