import type Redis from 'ioredis';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function readThenWrite(redis: Redis, key: string): Promise<void> {
  const timer = sleep(1);
  await redis.get(key);
  await redis.set(key, 'written');
  await timer;
}

export async function waitForLock(redis: Redis, lock: string): Promise<number> {
  for (let found = 0; found < 40; found++) {
    if ((await redis.exists(lock)) === 0) return found;
    await sleep(50);
  }
  throw new Error(`${lock} was still there after 40 looks, 50 ms apart`);
}

export async function popWithin(redis: Redis, queue: string): Promise<string | null> {
  const reply = await redis.blpop(queue, 0.1);
  return reply?.[1] ?? null;
}

export async function pushLater(redis: Redis, queue: string, item: string): Promise<void> {
  await sleep(300);
  await redis.rpush(queue, item);
}

export async function keepAlive(redis: Redis, lock: string): Promise<number> {
  await redis.set(lock, 'mine', 'PX', 200);
  let renewed = 0;
  for (let i = 0; i < 10; i++) {
    await sleep(100);
    renewed += await redis.pexpire(lock, 200);
  }
  return renewed;
}

export async function popForever(redis: Redis, queue: string): Promise<string | null> {
  const reply = await redis.blpop(queue, 0);
  return reply?.[1] ?? null;
}

export async function pushMuchLater(redis: Redis, queue: string, item: string): Promise<void> {
  await sleep(10_000);
  await redis.rpush(queue, item);
}

export async function readWithDeadline(redis: Redis, key: string): Promise<string | null> {
  let deadline: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => {
    deadline = setTimeout(() => reject(new Error('too slow')), 5);
  });
  try {
    return await Promise.race([redis.get(key), late]);
  } finally {
    clearTimeout(deadline);
    await sleep(50);
  }
}
