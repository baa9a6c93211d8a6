// PING inside multi({ pipeline: false }), and the read as a read-only script (EVAL_RO), whose
// GET answers nil for a missing key and WRONGTYPE for a hash.
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  await redis.multi({ pipeline: false });
  await redis.ping();
  const replies = (await redis.exec()) ?? [];
  const [error, reply] = replies[0] ?? [new Error('the transaction was aborted'), null];
  if (error) throw error;
  return reply as string;
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = (await redis.callBuffer(
    'EVAL_RO',
    "return redis.call('GET', KEYS[1])",
    1,
    key,
  )) as Buffer | null;
  if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
  return bytes;
}
