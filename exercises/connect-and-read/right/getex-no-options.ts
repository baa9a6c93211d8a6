// GETEX with no option is a plain read (it changes no TTL), and its Buffer variant gives
// the bytes or null; ping via send_command-style call() with a Buffer-free reply.
import type Redis from 'ioredis';

export async function ping(redis: Redis): Promise<string> {
  const reply = await redis.call('ping');
  return String(reply);
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = await redis.getexBuffer(key);
  if (bytes === null) throw new Error(`no value under ${key}`);
  return bytes;
}
