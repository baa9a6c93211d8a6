// fails: a prefix means its very characters: wildcards, backslashes, capitals, spaces
import type Redis from 'ioredis';

// (confused about binary/unicode names) — breaks rules 1 and 4's "deletes every key ...".
// Wants to be binary-safe, so it scans Buffers and compares bytes, but cuts each name at
// prefix.length, a count of UTF-16 code units, not of bytes. For a non-ASCII prefix such as
// 'café:' or 'import:2024-05:données:' the cut is shorter than the prefix's UTF-8 bytes, never
// equals them, and nothing is deleted (returns 0). checks.ts only uses ASCII prefixes.
export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const wanted = Buffer.from(prefix);
  let deleted = 0;
  let cursor = '0';
  do {
    const [next, keys] = await redis.scanBuffer(cursor, 'COUNT', 500);
    const ours = keys.filter((key) => key.subarray(0, prefix.length).equals(wanted));
    if (ours.length > 0) deleted += await redis.unlink(...ours);
    cursor = next.toString();
  } while (cursor !== '0');
  return deleted;
}
