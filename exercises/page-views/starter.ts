import type Redis from 'ioredis';

export async function recordView(redis: Redis, page: string): Promise<number> {
  // TODO: add one to views:<page> with INCR and return the new count.
  void redis;
  void page;
  return 0;
}

export async function countViews(redis: Redis, pages: string[]): Promise<number[]> {
  // TODO: read every views:<page> with one MGET; a missing counter counts 0.
  void redis;
  void pages;
  return [];
}

export async function claimName(redis: Redis, name: string, userId: string): Promise<boolean> {
  // TODO: store userId under username:<name> only if the key does not exist, expiring after
  // 600 seconds, in one SET; return whether the name was claimed.
  void redis;
  void name;
  void userId;
  return false;
}
