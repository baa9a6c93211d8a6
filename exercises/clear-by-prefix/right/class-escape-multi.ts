// escapes wildcards with one-character classes where it can ([*] [?] [[]) and with a
// backslash where a class cannot hold the character (\] \\), walks with the low-level call()
// API and deletes each page in a MULTI of one DEL per key, summing the replies.
import type Redis from 'ioredis';

function literal(prefix: string): string {
  return [...prefix]
    .map((char) => ('*?['.includes(char) ? `[${char}]` : ']\\'.includes(char) ? `\\${char}` : char))
    .join('');
}

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = `${literal(prefix)}*`;
  let deleted = 0;
  let cursor = 0;
  do {
    const [next, keys] = (await redis.call('SCAN', cursor, 'MATCH', match, 'COUNT', 300)) as [
      string,
      string[],
    ];
    if (keys.length > 0) {
      const replies = (await redis.multi(keys.map((key) => ['del', key])).exec()) ?? [];
      for (const [error, removed] of replies) {
        if (error) throw error;
        deleted += Number(removed);
      }
    }
    cursor = Number(next);
  } while (cursor !== 0);
  return deleted;
}
