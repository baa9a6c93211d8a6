// fails: readBytes reads the key it is given, without searching for keys
import type Redis from 'ioredis';

// (wrong command that happens to work) — breaks rule 1 ("Read the key you are given") and
// "returns the value stored under key": GETDEL answers like GET but deletes the key, so reading a
// value destroys it (a second readBytes of the same key throws). No check looks at the key after
// the call.
export async function ping(redis: Redis): Promise<string> {
  return redis.ping();
}

export async function readBytes(redis: Redis, key: string): Promise<Buffer> {
  const bytes = await redis.getdelBuffer(key);
  if (bytes === null) throw new Error(`Redis holds no value under ${key}`);
  return bytes;
}
