import Redis from 'ioredis';

export interface ChatMessage {
  user: string;
  text: string;
}

// Store, trim and announce in one script: nobody sees anything in between.
const SAY = `
redis.call('RPUSH', KEYS[1], ARGV[1])
redis.call('LTRIM', KEYS[1], -tonumber(ARGV[2]), -1)
return redis.call('PUBLISH', ARGV[3], ARGV[1])
`;

export async function say(redis: Redis, room: string, user: string, text: string): Promise<number> {
  const message = JSON.stringify({ user, text });
  const reached = await redis.eval(SAY, 1, `chat:${room}:history`, message, 50, `chat:${room}`);
  return Number(reached);
}

export async function listen(
  redis: Redis,
  room: string,
  count: number,
  timeoutMs: number,
): Promise<ChatMessage[]> {
  // A brand-new client is a connection of its own too.
  const subscriber = new Redis(redis.options);
  const heard: ChatMessage[] = [];
  let finish = () => {};
  const finished = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const timer = setTimeout(finish, timeoutMs);
  subscriber.on('messageBuffer', (_channel: Buffer, message: Buffer) => {
    if (heard.length < count) heard.push(JSON.parse(message.toString('utf8')) as ChatMessage);
    if (heard.length === count) finish();
  });
  try {
    await subscriber.subscribe(`chat:${room}`);
    await finished;
    return [...heard];
  } finally {
    clearTimeout(timer);
    await subscriber.unsubscribe(`chat:${room}`);
    subscriber.disconnect();
  }
}

export async function watchExpiry(redis: Redis, key: string, timeoutMs: number): Promise<boolean> {
  const subscriber = new Redis(redis.options);
  const channel = `__keyspace@0__:${key}`;
  try {
    return await new Promise<boolean>((resolve, reject) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      subscriber.on('message', (from: string, event: string) => {
        if (from === channel && event === 'expired') {
          clearTimeout(timer);
          resolve(true);
        }
      });
      subscriber.subscribe(channel).catch(reject);
    });
  } finally {
    subscriber.disconnect();
  }
}
