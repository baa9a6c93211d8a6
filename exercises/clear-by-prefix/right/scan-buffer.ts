// Binary-safe: SCAN and UNLINK on Buffers: SCAN and UNLINK on Buffers (so key names that are not valid
// UTF-8 survive the round trip, which the string-based solution.ts does not guarantee), a MATCH
// pattern built as bytes, and COUNT at the rule's upper bound (1000, "at most 1000").
import type Redis from 'ioredis';

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = Buffer.concat([
    Buffer.from(prefix.replace(/[*?[\]\\]/g, '\\$&')),
    Buffer.from('*'),
  ]);
  let deleted = 0;
  let cursor: Buffer | string = '0';
  for (;;) {
    // ioredis's scanBuffer types take the pattern as text only: the command itself takes bytes.
    const [next, keys] = (await redis.callBuffer(
      'SCAN',
      cursor,
      'MATCH',
      match,
      'COUNT',
      1000,
    )) as [Buffer, Buffer[]];
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    if (next.toString() === '0') return deleted;
    cursor = next;
  }
}
