// Right answer written differently: say builds the JSON inside a Lua script with cjson.encode
// (its own key order and escapes, the same text stored and published); listen reads messages
// with node:events' on() as an async iterator, which a timer ends with return(); watchExpiry
// listens to __keyevent@0__:expired with Buffers and compares the expired key's bytes.
import { on } from 'node:events';
import type Redis from 'ioredis';

export interface ChatMessage {
  user: string;
  text: string;
}

const SAY = `
local message = cjson.encode({ user = ARGV[1], text = ARGV[2] })
redis.call('RPUSH', KEYS[1], message)
redis.call('LTRIM', KEYS[1], -50, -1)
return redis.call('PUBLISH', ARGV[3], message)
`;

export async function say(redis: Redis, room: string, user: string, text: string): Promise<number> {
  return (await redis.eval(SAY, 1, `chat:${room}:history`, user, text, `chat:${room}`)) as number;
}

export async function listen(
  redis: Redis,
  room: string,
  count: number,
  timeoutMs: number,
): Promise<ChatMessage[]> {
  const subscriber = redis.duplicate();
  const heard: ChatMessage[] = [];
  // The iterator buffers each message from the moment it exists; return() ends the wait.
  const messages = on(subscriber, 'message')[Symbol.asyncIterator]();
  const timer = setTimeout(() => void messages.return?.(), timeoutMs);
  try {
    await subscriber.subscribe(`chat:${room}`);
    while (heard.length < count) {
      const next = await messages.next();
      if (next.done) break;
      const [, message] = next.value as [string, string];
      heard.push(JSON.parse(message) as ChatMessage);
    }
  } finally {
    clearTimeout(timer);
    await messages.return?.();
    await subscriber.quit();
  }
  return heard;
}

export async function watchExpiry(redis: Redis, key: string, timeoutMs: number): Promise<boolean> {
  const subscriber = redis.duplicate();
  const wanted = Buffer.from(key);
  let timer: NodeJS.Timeout | undefined;
  try {
    const outcome = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
      subscriber.on('messageBuffer', (_channel: Buffer, expiredKey: Buffer) => {
        if (expiredKey.equals(wanted)) resolve(true);
      });
    });
    await subscriber.subscribe('__keyevent@0__:expired');
    return await outcome;
  } finally {
    clearTimeout(timer);
    await subscriber.quit();
  }
}
