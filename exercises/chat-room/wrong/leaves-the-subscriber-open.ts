// fails: watchExpiry subscribes on a connection of its own, and closes it when it is done
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
  // A subscription belongs to a connection: take one of our own, and leave the caller's alone.
  const subscriber = redis.duplicate();
  const heard: ChatMessage[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const enough = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      // Listen before subscribing, so that no message can arrive before anyone hears it.
      subscriber.on('message', (_channel: string, message: string) => {
        heard.push(JSON.parse(message) as ChatMessage);
        if (heard.length >= count) resolve();
      });
    });
    await subscriber.subscribe(`chat:${room}`);
    await enough;
    return heard.slice(0, count);
  } finally {
    clearTimeout(timer);
    // QUIT ends the subscription with the connection.
    await subscriber.quit();
  }
}

export async function watchExpiry(redis: Redis, key: string, timeoutMs: number): Promise<boolean> {
  const subscriber = redis.duplicate();
  await subscriber.subscribe(`__keyspace@0__:${key}`);
  const expired = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => resolve(false), timeoutMs);
    subscriber.on('message', (_channel: string, event: string) => {
      if (event === 'expired') {
        clearTimeout(timer);
        resolve(true);
      }
    });
  });
  // Forgot to close the subscriber: it stays subscribed after watchExpiry returns.
  return expired;
}
