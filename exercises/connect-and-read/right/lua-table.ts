// A script answers {1, value} or {0}; callBuffer keeps the bytes. ping through call('ping').
import type Redis from 'ioredis';

const READ = `
local value = redis.call('GET', KEYS[1])
if value then return {1, value} end
return {0}`;

export async function ping(redis: Redis): Promise<string> {
  return String(await redis.call('ping'));
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const [found, bytes] = (await redis.callBuffer('EVAL', READ, 1, key)) as [number, Buffer?];
  if (found !== 1 || bytes === undefined) throw new Error(`no value under ${key}`);
  return bytes;
}
