import type Redis from 'ioredis';

export async function addPoints(redis: Redis, user: string, points: number): Promise<number> {
  // TODO: add the points to points:<user> and return the new total.
  void redis;
  void user;
  void points;
  return 0;
}
