import type Redis from 'ioredis';

export interface ChatMessage {
  user: string;
  text: string;
}

export async function say(redis: Redis, room: string, user: string, text: string): Promise<number> {
  const key = `chat:${room}:history`;
  const message = JSON.stringify({ user, text });
  // Inside MULTI the order does not matter: subscribers get the message after EXEC, with the
  // history already written.
  const replies = await redis
    .multi()
    .publish(`chat:${room}`, message)
    .rpush(key, message)
    .ltrim(key, -50, -1)
    .exec();
  return replies?.[0]?.[1] as number;
}

export async function listen(
  redis: Redis,
  room: string,
  count: number,
  timeoutMs: number,
): Promise<ChatMessage[]> {
  const channel = `chat:${room}`;
  const subscriber = redis.duplicate();
  const heard: ChatMessage[] = [];
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(resolve, timeoutMs);
      subscriber.on('message', (from: string, message: string) => {
        if (from !== channel || heard.length === count) return;
        heard.push(JSON.parse(message) as ChatMessage);
        if (heard.length === count) {
          clearTimeout(timer);
          resolve();
        }
      });
      subscriber.subscribe(channel).catch((error: unknown) => {
        clearTimeout(timer);
        reject(error);
      });
    });
    return heard;
  } finally {
    await subscriber.quit();
  }
}

export async function watchExpiry(redis: Redis, key: string, timeoutMs: number): Promise<boolean> {
  const subscriber = redis.duplicate();
  try {
    return await new Promise<boolean>((resolve, reject) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      subscriber.on('message', (_channel: string, event: string) => {
        if (event !== 'expired') return;
        clearTimeout(timer);
        resolve(true);
      });
      subscriber.subscribe(`__keyspace@0__:${key}`).catch(reject);
    });
  } finally {
    await subscriber.quit();
  }
}
