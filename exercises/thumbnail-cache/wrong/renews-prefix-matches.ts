// fails: reading a thumbnail renews its hour, and only its own
// thumbnail also renews every key that starts with thumb:<id> (SCAN MATCH, escaped), but
// thumb:<id>:small is the thumbnail of another id.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const escapeGlob = (text: string) => text.replace(/[*?[\]\\]/g, (char) => `\\${char}`);

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  const key = `thumb:${id}`;
  await redis.set(key, await readFile(file), 'EX', 3600);
  return (await redis.memory('USAGE', key)) ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  const key = `thumb:${id}`;
  const bytes = await redis.getexBuffer(key, 'EX', 3600);
  if (bytes === null) return null;
  let cursor = '0';
  do {
    const [next, found] = await redis.scan(cursor, 'MATCH', `${escapeGlob(key)}*`, 'COUNT', 100);
    cursor = next;
    for (const variant of found) if (variant !== key) await redis.expire(variant, 3600);
  } while (cursor !== '0');
  return bytes;
}
