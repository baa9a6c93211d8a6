// fails: listen waits timeoutMs, then returns what arrived
// listen starts its timer again on every message: it gives up timeoutMs after the last message,
// not after the call.
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
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const enough = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      subscriber.on('message', (_channel: string, message: string) => {
        heard.push(JSON.parse(message) as ChatMessage);
        if (heard.length >= count) resolve();
        // The room is still active: give it timeoutMs more.
        clearTimeout(timer);
        timer = setTimeout(resolve, timeoutMs);
      });
    });
    await subscriber.subscribe(`chat:${room}`);
    await enough;
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
