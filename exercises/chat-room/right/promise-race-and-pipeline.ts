// Right answer written differently: say pipelines RPUSH and LTRIM, then PUBLISHes through
// redis.call(); listen and watchExpiry race their messages against a timer with Promise.race,
// the timer started before SUBSCRIBE, and end with unsubscribe() then quit().
import type Redis from 'ioredis';

export interface ChatMessage {
  user: string;
  text: string;
}

export async function say(redis: Redis, room: string, user: string, text: string): Promise<number> {
  const message = JSON.stringify({ user, text });
  await redis
    .pipeline()
    .rpush(`chat:${room}:history`, message)
    .ltrim(`chat:${room}:history`, -50, -1)
    .exec();
  return Number(await redis.call('PUBLISH', `chat:${room}`, message));
}

/** What `work` resolves with, or `fallback()` once timeoutMs have passed, whichever is first. */
async function within<T>(work: Promise<T>, timeoutMs: number, fallback: () => T): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<T>((resolve) => {
    timer = setTimeout(() => resolve(fallback()), timeoutMs);
  });
  try {
    return await Promise.race([work, late]);
  } finally {
    clearTimeout(timer);
  }
}

export async function listen(
  redis: Redis,
  room: string,
  count: number,
  timeoutMs: number,
): Promise<ChatMessage[]> {
  const subscriber = redis.duplicate();
  const heard: ChatMessage[] = [];
  const full = new Promise<ChatMessage[]>((resolve) => {
    subscriber.on('message', (_channel: string, message: string) => {
      if (heard.length < count) heard.push(JSON.parse(message) as ChatMessage);
      if (heard.length === count) resolve([...heard]);
    });
  });
  try {
    const heardAll = subscriber.subscribe(`chat:${room}`).then(() => full);
    return await within(heardAll, timeoutMs, () => [...heard]);
  } finally {
    await subscriber.unsubscribe();
    await subscriber.quit();
  }
}

export async function watchExpiry(redis: Redis, key: string, timeoutMs: number): Promise<boolean> {
  const subscriber = redis.duplicate();
  const expired = new Promise<boolean>((resolve) => {
    subscriber.on('message', (_channel: string, event: string) => {
      if (event === 'expired') resolve(true);
    });
  });
  try {
    const seen = subscriber.subscribe(`__keyspace@0__:${key}`).then(() => expired);
    return await within(seen, timeoutMs, () => false);
  } finally {
    await subscriber.unsubscribe();
    await subscriber.quit();
  }
}
