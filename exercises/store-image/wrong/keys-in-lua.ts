// fails: loadImage returns the exact bytes held under image:<id> as a Buffer
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// Breaks: "loadImage reads the key image:<id> (without searching for it with KEYS or
// SCAN)". The search is moved into a Lua script, so the client only sends EVAL, but Redis still
// runs KEYS over the whole keyspace on every load.
const FIND = `
local found = redis.call('KEYS', KEYS[1])
if #found == 0 then return false end
return redis.call('GET', found[1])
`;

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  await redis.set(`image:${id}`, data);
  await redis.del(`image:${id}:meta`);
  await redis.hset(`image:${id}:meta`, {
    contentType: 'image/png',
    bytes: data.length,
    name: file,
  });
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  return (await redis.callBuffer('EVAL', FIND, 1, `image:${id}`)) as Buffer | null;
}
