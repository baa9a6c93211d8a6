// Right: say as a Lua command made with defineCommand (RPUSH, LTRIM, PUBLISH in one script);
// listen reads messageBuffer; watchExpiry listens on __keyevent@0__:expired.
import type Redis from 'ioredis';

export interface ChatMessage {
  user: string;
  text: string;
}

const SAY = `
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], -50, -1)
return redis.call('PUBLISH', ARGV[2], ARGV[1])
`;

type WithSay = Redis & {
  chatSay(history: string, message: string, channel: string): Promise<number>;
};

export async function say(redis: Redis, room: string, user: string, text: string): Promise<number> {
  const client = redis as WithSay;
  if (typeof client.chatSay !== 'function') {
    redis.defineCommand('chatSay', { numberOfKeys: 1, lua: SAY });
  }
  const message = JSON.stringify({ user, text });
  return Number(await client.chatSay(`chat:${room}:history`, message, `chat:${room}`));
}

export async function listen(
  redis: Redis,
  room: string,
  count: number,
  timeoutMs: number,
): Promise<ChatMessage[]> {
  const started = Date.now();
  const channel = `chat:${room}`;
  const subscriber = redis.duplicate();
  const heard: ChatMessage[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let done!: () => void;
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  subscriber.on('messageBuffer', (from: Buffer, raw: Buffer) => {
    if (from.toString('utf8') !== channel || heard.length >= count) return;
    heard.push(JSON.parse(raw.toString('utf8')) as ChatMessage);
    if (heard.length === count) done();
  });
  try {
    await subscriber.subscribe(channel);
    const left = Math.max(0, timeoutMs - (Date.now() - started));
    await Promise.race([
      finished,
      new Promise<void>((resolve) => {
        timer = setTimeout(resolve, left);
      }),
    ]);
    return heard.slice();
  } finally {
    clearTimeout(timer);
    await subscriber.quit();
  }
}

export async function watchExpiry(redis: Redis, key: string, timeoutMs: number): Promise<boolean> {
  const subscriber = redis.duplicate();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const outcome = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
      subscriber.on('message', (channel: string, expiredKey: string) => {
        if (channel === '__keyevent@0__:expired' && expiredKey === key) resolve(true);
      });
    });
    await subscriber.subscribe('__keyevent@0__:expired');
    return await outcome;
  } finally {
    clearTimeout(timer);
    await subscriber.quit();
  }
}
