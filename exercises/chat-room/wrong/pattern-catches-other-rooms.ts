// fails: listen hears its own room only
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
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      // The pattern also matches chat:<room>-team, chat:<room>x and chat:<room>:history.
      subscriber.on('pmessage', (_pattern: string, _channel: string, message: string) => {
        heard.push(JSON.parse(message) as ChatMessage);
        if (heard.length >= count) resolve();
      });
      subscriber.psubscribe(`chat:${room}*`);
    });
    return heard.slice(0, count);
  } finally {
    clearTimeout(timer);
    await subscriber.quit();
  }
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
