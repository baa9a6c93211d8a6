// Right: say sends RPUSH, LTRIM, then PUBLISH, one by one; listen uses the subscribe callback;
// watchExpiry PSUBSCRIBEs to __keyspace@0__:* and compares the channel.
import type Redis from 'ioredis';

export interface ChatMessage {
  user: string;
  text: string;
}

export async function say(redis: Redis, room: string, user: string, text: string): Promise<number> {
  const history = `chat:${room}:history`;
  const message = JSON.stringify({ user, text });
  await redis.rpush(history, message);
  await redis.ltrim(history, -50, -1);
  return await redis.publish(`chat:${room}`, message);
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
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    await new Promise<void>((resolve, reject) => {
      timer = setTimeout(resolve, timeoutMs);
      subscriber.on('message', (from: string, message: string) => {
        if (from !== channel) return;
        if (heard.length < count) heard.push(JSON.parse(message) as ChatMessage);
        if (heard.length === count) resolve();
      });
      subscriber.subscribe(channel, (error) => {
        if (error) reject(error);
      });
    });
    return heard;
  } finally {
    clearTimeout(timer);
    await subscriber.unsubscribe(channel);
    await subscriber.quit();
  }
}

export async function watchExpiry(redis: Redis, key: string, timeoutMs: number): Promise<boolean> {
  const wanted = `__keyspace@0__:${key}`;
  const subscriber = redis.duplicate();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const outcome = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
      subscriber.on('pmessage', (_pattern: string, channel: string, event: string) => {
        if (channel === wanted && event === 'expired') resolve(true);
      });
    });
    await subscriber.psubscribe('__keyspace@0__:*');
    return await outcome;
  } finally {
    clearTimeout(timer);
    await subscriber.punsubscribe();
    await subscriber.quit();
  }
}
