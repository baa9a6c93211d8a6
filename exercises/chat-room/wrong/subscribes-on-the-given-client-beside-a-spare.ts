// fails: listen subscribes on a connection of its own, never on the client it was given
// listen subscribes on the client it was given (then unsubscribes), and makes a duplicate it
// never uses, which takes a client number of its own.
import type Redis from 'ioredis';

export interface ChatMessage {
  user: string;
  text: string;
}

export async function say(redis: Redis, room: string, user: string, text: string): Promise<number> {
  const message = JSON.stringify({ user, text });
  const history = `chat:${room}:history`;
  await redis.multi().rpush(history, message).ltrim(history, -50, -1).exec();
  return redis.publish(`chat:${room}`, message);
}

export async function listen(
  redis: Redis,
  room: string,
  count: number,
  timeoutMs: number,
): Promise<ChatMessage[]> {
  // Kept for later (never connects: lazyConnect).
  const spare = redis.duplicate({ lazyConnect: true });
  const channel = `chat:${room}`;
  const heard: ChatMessage[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onMessage = (_channel: string, _message: string) => {};
  try {
    const enough = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      onMessage = (from: string, message: string) => {
        if (from !== channel) return;
        heard.push(JSON.parse(message) as ChatMessage);
        if (heard.length >= count) resolve();
      };
      redis.on('message', onMessage);
    });
    await redis.subscribe(channel);
    await enough;
    return heard.slice(0, count);
  } finally {
    clearTimeout(timer);
    redis.off('message', onMessage);
    await redis.unsubscribe(channel);
    await redis.ping();
    spare.disconnect();
  }
}

export async function watchExpiry(redis: Redis, key: string, timeoutMs: number): Promise<boolean> {
  const subscriber = redis.duplicate();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const expired = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
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
