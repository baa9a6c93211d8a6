// fails: say publishes the message on chat:<room> and returns how many subscribers got it
// say returns PUBSUB NUMSUB plus PUBSUB NUMPAT instead of PUBLISH's reply: a pattern that
// does not match the channel counts too.
import type Redis from 'ioredis';

export interface ChatMessage {
  user: string;
  text: string;
}

export async function say(redis: Redis, room: string, user: string, text: string): Promise<number> {
  const message = JSON.stringify({ user, text });
  const history = `chat:${room}:history`;
  const channel = `chat:${room}`;
  await redis.multi().rpush(history, message).ltrim(history, -50, -1).exec();
  await redis.publish(channel, message);
  // "How many subscribers": ask Redis who is subscribed, channel and patterns.
  const numsub = (await redis.pubsub('NUMSUB', channel)) as unknown[];
  const patterns = Number(await redis.pubsub('NUMPAT'));
  return Number(numsub[1] ?? 0) + patterns;
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
