// fails: a prefix means its very characters: wildcards, backslashes, capitals, spaces
// Wraps every ASCII character in a one-character class, so a ^ becomes [^], which matches any character.
import type Redis from 'ioredis';

/** MATCH takes a glob pattern: a prefix's own *, ?, [, ] and \ must match only themselves. */
function globEscape(text: string): string {
  // Every ASCII character in a class of its own matches itself: [a][b][*]…; ] and \ need a backslash.
  return [...text]
    .map((char) => {
      if (char === ']' || char === '\\') return `\\${char}`;
      // A class holds one byte: leave the rest as they are.
      return char.charCodeAt(0) < 128 ? `[${char}]` : char;
    })
    .join('');
}

export async function clearByPrefix(redis: Redis, prefix: string): Promise<number> {
  const match = `${globEscape(prefix)}*`;
  let deleted = 0;
  let cursor = '0';
  do {
    // A page at a time: between pages Redis serves everyone else.
    const [next, keys] = await redis.scan(cursor, 'MATCH', match, 'COUNT', 100);
    // A page may be empty while the walk goes on: only the cursor says when it is over.
    if (keys.length > 0) deleted += await redis.unlink(...keys);
    cursor = next;
  } while (cursor !== '0');
  return deleted;
}
