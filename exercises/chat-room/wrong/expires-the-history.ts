// fails: say appends the message to chat:<room>:history as JSON
// say gives the history an hour's expiry (EXPIRE in the transaction): the statement asks for
// none, and an idle room would lose every message.
import type Redis from 'ioredis';

export interface ChatMessage {
  user: string;
  text: string;
}

export async function say(redis: Redis, room: string, user: string, text: string): Promise<number> {
  const message = JSON.stringify({ user, text });
  const history = `chat:${room}:history`;
  // "Clean up idle rooms": the whole history goes an hour after the last message.
  await redis.multi().rpush(history, message).ltrim(history, -50, -1).expire(history, 3600).exec();
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
