// PING run by a Lua script (Redis runs it and returns its status reply, PONG), and the
// value read atomically in one script: nil when the key does not exist, else GETRANGE 0 -1 (all
// its bytes, '' for an empty string).
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  return (await redis.eval("return redis.call('PING')", 0)) as string;
}

const READ = `
if redis.call('EXISTS', KEYS[1]) == 0 then return false end
return redis.call('GETRANGE', KEYS[1], 0, -1)`;

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = (await redis.callBuffer('EVAL', READ, 1, key)) as Buffer | null;
  if (bytes === null) throw new Error(`no value under ${key}`);
  return bytes;
}
