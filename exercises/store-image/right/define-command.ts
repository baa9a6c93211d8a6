// Both keys written by a script registered with defineCommand (the old metadata deleted first);
// read by another through its Buffer twin, which answers the bytes untouched.
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

const STORE = `
redis.call('SET', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[2], 'contentType', 'image/png', 'bytes', ARGV[2], 'name', ARGV[3])
return 1`;

const READ = "return redis.call('GET', KEYS[1])";

type Scripted = Redis & {
  storeImageScript(
    key: string,
    meta: string,
    data: Buffer,
    bytes: number,
    name: string,
  ): Promise<number>;
  readImageScriptBuffer(key: string): Promise<Buffer | null>;
};

function scripted(redis: Redis): Scripted {
  const client = redis as Scripted;
  if (typeof client.storeImageScript !== 'function') {
    redis.defineCommand('storeImageScript', { numberOfKeys: 2, lua: STORE });
    redis.defineCommand('readImageScript', { numberOfKeys: 1, lua: READ });
  }
  return client;
}

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  const data = await readFile(file);
  await scripted(redis).storeImageScript(
    `image:${id}`,
    `image:${id}:meta`,
    data,
    data.length,
    file,
  );
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  const bytes: unknown = await scripted(redis).readImageScriptBuffer(`image:${id}`);
  return Buffer.isBuffer(bytes) ? bytes : null;
}
