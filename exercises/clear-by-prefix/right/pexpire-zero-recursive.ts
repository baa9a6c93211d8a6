// A recursive walk over Buffers, each page removed with PEXPIRE key 0 in a pipeline (1 per key
// it removed, 0 for one already gone); wildcards escaped with one-character classes.
import type Redis from 'ioredis';

function literal(prefix: string): string {
  return prefix.replace(/[*?[\]\\]/g, (char) =>
    char === ']' || char === '\\' ? `\\${char}` : `[${char}]`,
  );
}

async function walk(redis: Redis, cursor: string, match: string): Promise<number> {
  const [next, keys] = await redis.scanBuffer(cursor, 'MATCH', match, 'COUNT', 250);
  let removed = 0;
  if (keys.length > 0) {
    const pipeline = redis.pipeline();
    for (const key of keys) pipeline.pexpire(key, 0);
    for (const [error, reply] of (await pipeline.exec()) ?? []) {
      if (error) throw error;
      removed += Number(reply);
    }
  }
  const after = next.toString();
  return after === '0' ? removed : removed + (await walk(redis, after, match));
}

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  return walk(redis, '0', `${literal(prefix)}*`);
}
