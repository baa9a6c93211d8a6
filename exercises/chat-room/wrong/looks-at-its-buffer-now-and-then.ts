// fails: listen returns as soon as count messages have arrived, and no more than count
// listen looks at what it heard every 400 ms instead of resolving in the listener: it returns
// up to 400 ms after the last message.
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
  const subscriber = redis.duplicate();
  const heard: ChatMessage[] = [];
  const started = Date.now();
  try {
    subscriber.on('message', (_channel: string, message: string) => {
      heard.push(JSON.parse(message) as ChatMessage);
    });
    await subscriber.subscribe(`chat:${room}`);
    // Check now and then whether enough has come in.
    while (heard.length < count && Date.now() - started < timeoutMs) {
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(400, Math.max(0, timeoutMs - (Date.now() - started)))),
      );
    }
    return heard.slice(0, count);
  } finally {
    await subscriber.quit();
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
