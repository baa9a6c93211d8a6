import type Redis from 'ioredis';

export async function readThenWrite(redis: Redis, key: string): Promise<void> {
  // TODO: set a 1 ms timer, GET key, SET key "written", then await the timer.
  void redis;
  void key;
}

export async function waitForLock(redis: Redis, lock: string): Promise<number> {
  // TODO: look every 50 ms until lock is gone; return how many times it was there.
  void redis;
  void lock;
  return -1;
}

export async function popWithin(redis: Redis, queue: string): Promise<string | null> {
  // TODO: BLPOP queue with a 0.1 s timeout.
  void redis;
  void queue;
  return null;
}

export async function pushLater(redis: Redis, queue: string, item: string): Promise<void> {
  // TODO: after 300 ms, RPUSH queue item.
  void redis;
  void queue;
  void item;
}

export async function keepAlive(redis: Redis, lock: string): Promise<number> {
  // TODO: SET lock PX 200, then ten times: wait 100 ms and PEXPIRE it by 200 ms; count renewals.
  void redis;
  void lock;
  return 0;
}

export async function popForever(redis: Redis, queue: string): Promise<string | null> {
  // TODO: BLPOP queue with no timeout.
  void redis;
  void queue;
  return null;
}

export async function pushMuchLater(redis: Redis, queue: string, item: string): Promise<void> {
  // TODO: after 10 s, RPUSH queue item.
  void redis;
  void queue;
  void item;
}
