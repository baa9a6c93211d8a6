// fails: cacheThumbnail returns what MEMORY USAGE says the key takes
import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

// (cheat). Breaks rule 3: returns "how many bytes of memory Redis says the key takes, as
// MEMORY USAGE thumb:<id> answers". The numbers are typed in from a grading's failure messages,
// valid only for a 10-character key (the checks' ids are all 4 characters) on this Redis build.
const USAGE: Record<string, number> = {
  'heart.png': 168,
  'red-square.png': 152,
  'checkerboard.png': 216,
  'noise.png': 14392,
};

export async function cacheThumbnail(redis: Redis, id: string, file: string): Promise<number> {
  await redis.set(`thumb:${id}`, await readFile(file), 'EX', 3600);
  return USAGE[file] ?? 0;
}

export async function thumbnail(redis: Redis, id: string): Promise<Buffer | null> {
  return redis.getexBuffer(`thumb:${id}`, 'EX', 3600);
}
