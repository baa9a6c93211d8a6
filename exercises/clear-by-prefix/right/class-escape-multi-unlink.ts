// Written differently: *, ? and [ escaped as one-character classes ([*] [?] [[]), \ with a
// backslash, ] left as it is (plain outside a class); COUNT 1000, and each page removed by one
// UNLINK inside a MULTI, whose EXEC answers how many it removed.
import type Redis from 'ioredis';

function literal(prefix: string): string {
  let pattern = '';
  for (const char of prefix) {
    if (char === '*' || char === '?' || char === '[') pattern += `[${char}]`;
    else if (char === '\\') pattern += '\\\\';
    else pattern += char;
  }
  return pattern;
}

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = `${literal(prefix)}*`;
  let total = 0;
  let cursor = '0';
  do {
    const [next, page] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 1000);
    cursor = next;
    if (page.length === 0) continue;
    const replies = await redis
      .multi()
      .unlink(...page)
      .exec();
    const [error, removed] = replies?.[0] ?? [null, 0];
    if (error) throw error;
    total += Number(removed);
  } while (cursor !== '0');
  return total;
}
