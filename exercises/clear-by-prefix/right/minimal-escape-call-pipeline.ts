// Written differently: escapes only what MATCH reads as special outside a class (*, ?, [ and \;
// a ] with no [ before it is a plain character), walks with call('SCAN', …), and removes each
// page with a pipeline of one UNLINK per key, adding up what each UNLINK answered.
import type Redis from 'ioredis';

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const pattern = `${prefix.replace(/[\\*?[]/g, (char) => `\\${char}`)}*`;
  let removed = 0;
  let cursor = '0';
  for (;;) {
    const [next, keys] = (await redis.call('SCAN', cursor, 'MATCH', pattern, 'COUNT', 500)) as [
      string,
      string[],
    ];
    if (keys.length > 0) {
      const pipeline = redis.pipeline();
      for (const key of keys) pipeline.unlink(key);
      for (const [error, count] of (await pipeline.exec()) ?? []) {
        if (error) throw error;
        removed += Number(count);
      }
    }
    if (next === '0') return removed;
    cursor = next;
  }
}
