// Stores with multi() given its commands as an array (SET, UNLINK of the metadata, HSET field by
// field); loads with a GET built as an ioredis Command, whose reply is a Buffer when no reply
// encoding is asked.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';
import { Command } from 'ioredis';

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  const meta = `image:${id}:meta`;
  const results = await redis
    .multi([
      ['set', `image:${id}`, data],
      ['unlink', meta],
      ['hset', meta, 'contentType', 'image/png', 'bytes', String(data.length), 'name', file],
    ])
    .exec();
  for (const [error] of results ?? []) if (error) throw error;
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  const bytes = await redis.sendCommand(new Command('GET', [`image:${id}`]));
  return Buffer.isBuffer(bytes) ? bytes : null;
}
