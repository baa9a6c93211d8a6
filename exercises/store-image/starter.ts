import { readFile } from 'node:fs/promises';
import type Redis from 'ioredis';

export async function storeImage(redis: Redis, id: string, file: string): Promise<void> {
  // TODO: read the file (readFile(file) gives a Buffer) and SET its bytes under image:<id>.
  // TODO: HSET image:<id>:meta with contentType 'image/png', bytes (the size) and name (file).
  void readFile;
  void redis;
  void id;
  void file;
}

export async function loadImage(redis: Redis, id: string): Promise<Buffer | null> {
  // TODO: read image:<id> back as a Buffer (not as a string) and return it, or null.
  void redis;
  void id;
  return null;
}
