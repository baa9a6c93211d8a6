// say: RPUSH, LTRIM and PUBLISH as three awaited commands; listen PSUBSCRIBEs to the channel's
// name with every glob character escaped; watchExpiry hears __keyevent@0__:expired and compares
// the key exactly. Both close with disconnect() after unsubscribing.
import type Redis from 'ioredis';

export interface ChatMessage {
  user: string;
  text: string;
}

const escapeGlob = (name: string) => name.replace(/[\\*?[\]]/g, (c) => `\\${c}`);

export async function say(redis: Redis, room: string, user: string, text: string): Promise<number> {
  const payload = JSON.stringify({ user, text });
  await redis.rpush(`chat:${room}:history`, payload);
  await redis.ltrim(`chat:${room}:history`, -50, -1);
  return await redis.publish(`chat:${room}`, payload);
}

export async function listen(
  redis: Redis,
  room: string,
  count: number,
  timeoutMs: number,
): Promise<ChatMessage[]> {
  const started = Date.now();
  const sub = redis.duplicate();
  const got: ChatMessage[] = [];
  let done!: () => void;
  const finished = new Promise<void>((resolve) => {
    done = resolve;
  });
  const timer = setTimeout(() => done(), timeoutMs);
  sub.on('pmessage', (_pattern: string, _channel: string, raw: string) => {
    if (got.length < count) got.push(JSON.parse(raw) as ChatMessage);
    if (got.length === count) done();
  });
  try {
    await sub.psubscribe(escapeGlob(`chat:${room}`));
    if (Date.now() - started < timeoutMs) await finished;
    return got;
  } finally {
    clearTimeout(timer);
    await sub.punsubscribe();
    sub.disconnect();
  }
}

export async function watchExpiry(redis: Redis, key: string, timeoutMs: number): Promise<boolean> {
  const sub = redis.duplicate();
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const result = new Promise<boolean>((resolve) => {
      timer = setTimeout(() => resolve(false), timeoutMs);
      sub.on('message', (_channel: string, expiredKey: string) => {
        if (expiredKey === key) resolve(true);
      });
    });
    await sub.subscribe('__keyevent@0__:expired');
    return await result;
  } finally {
    clearTimeout(timer);
    await sub.unsubscribe();
    sub.disconnect();
  }
}
