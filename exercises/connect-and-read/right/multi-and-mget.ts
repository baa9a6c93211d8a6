// PING inside a MULTI/EXEC transaction (its reply taken from EXEC's list), and the value
// read with MGET, whose Buffer variant answers [bytes] or [null].
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  const replies = await redis.multi().ping().exec();
  const [error, reply] = replies?.[0] ?? [new Error('transaction aborted'), undefined];
  if (error) throw error;
  return reply as string;
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const [bytes] = await redis.mgetBuffer(key);
  if (bytes === null || bytes === undefined) throw new Error(`no value under ${key}`);
  return bytes;
}
