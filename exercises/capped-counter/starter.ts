import type Redis from 'ioredis';

export async function hit(redis: Redis, name: string, cap: number): Promise<number> {
  // TODO: as one step, read counter:<name> (a missing key counts as 0); when it is below cap,
  // INCR it and return the new count; otherwise return -1 and write nothing.
  void redis;
  void name;
  void cap;
  return -1;
}
