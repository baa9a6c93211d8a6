// fails: say appends the message to chat:<room>:history as JSON
// Posts nothing for an empty text and returns 0 ("nothing to say"): an empty message is a message
// too, and it is neither stored nor published.
import type Redis from 'ioredis';

export interface ChatMessage {
  user: string;
  text: string;
}

/** The newest messages a room's history keeps. */
const HISTORY_LENGTH = 50;

const channelOf = (room: string) => `chat:${room}`;
const historyOf = (room: string) => `chat:${room}:history`;

export async function say(redis: Redis, room: string, user: string, text: string): Promise<number> {
  if (text === '') return 0;
  const message = JSON.stringify({ user, text });
  const history = historyOf(room);
  // History first: whoever hears the message and then reads the history finds it there.
  await redis.multi().rpush(history, message).ltrim(history, -HISTORY_LENGTH, -1).exec();
  // PUBLISH answers how many subscribers the message reached; nobody listening is not an error.
  return redis.publish(channelOf(room), message);
}

export async function listen(
  redis: Redis,
  room: string,
  count: number,
  timeoutMs: number,
): Promise<ChatMessage[]> {
  // A subscription belongs to a connection: take one of our own, and leave the caller's alone.
  const subscriber = redis.duplicate();
  const heard: ChatMessage[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const enough = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeoutMs);
      // Listen before subscribing, so that no message can arrive before anyone hears it.
      subscriber.on('message', (_channel: string, message: string) => {
        heard.push(JSON.parse(message) as ChatMessage);
        if (heard.length >= count) resolve();
      });
    });
    await subscriber.subscribe(channelOf(room));
    await enough;
    return heard.slice(0, count);
  } finally {
    clearTimeout(timer);
    // QUIT ends the subscription with the connection.
    await subscriber.quit();
  }
}

export async function watchExpiry(redis: Redis, key: string, timeoutMs: number): Promise<boolean> {
  const subscriber = redis.duplicate();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const expired = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
      // On the key's keyspace channel, each message is the name of an event that touched it.
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
