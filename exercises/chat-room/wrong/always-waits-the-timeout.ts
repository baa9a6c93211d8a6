// fails: listen returns the messages published while it listens, in order
import type Redis from 'ioredis';

export interface ChatMessage {
  user: string;
  text: string;
}

export async function say(redis: Redis, room: string, user: string, text: string): Promise<number> {
  const message = JSON.stringify({ user, text });
  await redis.rpush(`chat:${room}:history`, message);
  await redis.ltrim(`chat:${room}:history`, -50, -1);
  return redis.publish(`chat:${room}`, message);
}

export async function listen(
  redis: Redis,
  room: string,
  count: number,
  timeoutMs: number,
): Promise<ChatMessage[]> {
  const subscriber = redis.duplicate();
  const heard: ChatMessage[] = [];
  subscriber.on('message', (_channel: string, message: string) => {
    heard.push(JSON.parse(message) as ChatMessage);
  });
  await subscriber.subscribe(`chat:${room}`);
  // Collects for the whole time, even once it has enough.
  await new Promise((resolve) => setTimeout(resolve, timeoutMs));
  await subscriber.quit();
  return heard.slice(0, count);
}

export async function watchExpiry(redis: Redis, key: string, timeoutMs: number): Promise<boolean> {
  const subscriber = redis.duplicate();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const expired = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
      // On the key's keyspace channel, each message is the name of an event that touched it.
      subscriber.on('message', (_channel: string, event: string) => {
        if (event === 'expired') resolve(true);
      });
    });
    await subscriber.subscribe(`__keyspace@0__:${key}`);
    return await expired;
  } finally {
    clearTimeout(timer);
    await subscriber.quit();
  }
}
