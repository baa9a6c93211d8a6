// fails: listen subscribes on a connection of its own, never on the client it was given
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
  // Subscribes on the caller's own client: it is in subscriber mode until listen returns.
  const heard: ChatMessage[] = [];
  const onMessage = (_channel: string, message: string) => {
    heard.push(JSON.parse(message) as ChatMessage);
  };
  redis.on('message', onMessage);
  await redis.subscribe(`chat:${room}`);
  const started = Date.now();
  while (heard.length < count && Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  await redis.unsubscribe(`chat:${room}`);
  redis.off('message', onMessage);
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
