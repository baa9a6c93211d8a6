// fails: watchExpiry only listens: it sends no command that reads the key
// watchExpiry runs EXISTS on the key every 50 ms in a Lua script, the name passed in two
// halves: a read all the same.
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

const POKE = "return redis.call('EXISTS', ARGV[1] .. ARGV[2])";

export async function watchExpiry(redis: Redis, key: string, timeoutMs: number): Promise<boolean> {
  const subscriber = redis.duplicate();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let poker: ReturnType<typeof setInterval> | undefined;
  let poking: Promise<unknown> = Promise.resolve();
  const half = Math.floor(key.length / 2);
  try {
    const expired = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
      subscriber.on('message', (_channel: string, event: string) => {
        if (event === 'expired') resolve(true);
      });
    });
    await subscriber.subscribe(`__keyspace@0__:${key}`);
    // Redis expires keys lazily: touch it now and then so the event comes on time.
    poker = setInterval(() => {
      poking = redis.eval(POKE, 0, key.slice(0, half), key.slice(half)).catch(() => 0);
    }, 50);
    return await expired;
  } finally {
    clearTimeout(timer);
    clearInterval(poker);
    await poking;
    await subscriber.quit();
  }
}
