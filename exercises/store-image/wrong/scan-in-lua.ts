// fails: loadImage returns the exact bytes held under image:<id> as a Buffer
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// Breaks: "loadImage reads the key image:<id> (without searching for it with KEYS or
// SCAN)". It walks the keyspace with SCAN MATCH inside a script (a whole cursor loop), so the
// client log shows only EVAL.
const FIND = `
local cursor = '0'
repeat
  local page = redis.call('SCAN', cursor, 'MATCH', KEYS[1], 'COUNT', 100)
  cursor = page[1]
  for _, key in ipairs(page[2]) do
    if key == KEYS[1] then return redis.call('GET', key) end
  end
until cursor == '0'
return false
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
