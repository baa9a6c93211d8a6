// fails: listen ends its subscription and closes its connection when it is done
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

// One subscriber connection for every call, made on the first: it is never closed.
let shared: Redis | undefined;

export async function listen(
  redis: Redis,
  room: string,
  count: number,
  timeoutMs: number,
): Promise<ChatMessage[]> {
  shared ??= redis.duplicate();
  const subscriber = shared;
  const channel = `chat:${room}`;
  const heard: ChatMessage[] = [];
  const onMessage = (from: string, message: string) => {
    if (from === channel) heard.push(JSON.parse(message) as ChatMessage);
  };
  subscriber.on('message', onMessage);
  await subscriber.subscribe(channel);
  const started = Date.now();
  while (heard.length < count && Date.now() - started < timeoutMs) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  subscriber.off('message', onMessage);
  await subscriber.unsubscribe(channel);
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
