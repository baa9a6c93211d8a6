// fails: error
import type Redis from 'ioredis';

// Fails a check, but ends nothing in error as its header says.
export async function echo(_redis: Redis, value: string): Promise<string | null> {
  return value;
}
