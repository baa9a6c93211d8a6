import { on } from 'node:events';
import type Redis from 'ioredis';

export interface ChatMessage {
  user: string;
  text: string;
}

export async function say(redis: Redis, room: string, user: string, text: string): Promise<number> {
  const key = `chat:${room}:history`;
  const message = JSON.stringify({ user, text });
  // One round trip; Redis runs the three in this order.
  const replies = await redis
    .pipeline()
    .rpush(key, message)
    .ltrim(key, -50, -1)
    .publish(`chat:${room}`, message)
    .exec();
  const [error, reached] = replies?.[2] ?? [new Error('no reply to PUBLISH')];
  if (error) throw error;
  return reached as number;
}

/** Resolves with null after `ms`, unless cancelled first. */
function timeout(ms: number) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const done = new Promise<null>((resolve) => {
    timer = setTimeout(() => resolve(null), ms);
  });
  return { done, cancel: () => clearTimeout(timer) };
}

export async function listen(
  redis: Redis,
  room: string,
  count: number,
  timeoutMs: number,
): Promise<ChatMessage[]> {
  const deadline = Date.now() + timeoutMs;
  const subscriber = redis.duplicate();
  const messages = on(subscriber, 'message');
  const heard: ChatMessage[] = [];
  try {
    await subscriber.subscribe(`chat:${room}`);
    while (heard.length < count) {
      const left = timeout(Math.max(0, deadline - Date.now()));
      const next = await Promise.race([messages.next(), left.done]);
      left.cancel();
      if (next === null || next.done) break;
      const [, message] = next.value as [string, string];
      heard.push(JSON.parse(message) as ChatMessage);
    }
    return heard;
  } finally {
    await messages.return?.();
    await subscriber.unsubscribe(`chat:${room}`);
    await subscriber.quit();
  }
}

export async function watchExpiry(redis: Redis, key: string, timeoutMs: number): Promise<boolean> {
  // The event's channel names the event; the message names the key.
  const subscriber = redis.duplicate();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const expired = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
      subscriber.on('message', (_channel: string, expiredKey: string) => {
        if (expiredKey === key) resolve(true);
      });
    });
    await subscriber.subscribe('__keyevent@0__:expired');
    return await expired;
  } finally {
    clearTimeout(timer);
    await subscriber.quit();
  }
}
