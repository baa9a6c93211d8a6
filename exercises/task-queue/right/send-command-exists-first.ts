// Right, written differently: every command goes out as an ioredis Command through
// sendCommand(); dequeue asks EXISTS first and pops only a queue it saw (a queue emptied in
// between answers LPOP's null, which is returned), and logEvent trims with LTRIM's indices
// given as strings.
import type Redis from 'ioredis';
import { Command } from 'ioredis';

const LOG = 'events:recent';

async function send(redis: Redis, name: string, args: string[]): Promise<unknown> {
  return await redis.sendCommand(new Command(name, args, { replyEncoding: 'utf8' }));
}

export async function enqueue(redis: Redis, queue: string, task: string): Promise<number> {
  return Number(await send(redis, 'rpush', [`queue:${queue}`, task]));
}

export async function dequeue(redis: Redis, queue: string): Promise<string | null> {
  const key = `queue:${queue}`;
  if (Number(await send(redis, 'exists', [key])) === 0) return null;
  const task = await send(redis, 'lpop', [key]);
  return typeof task === 'string' ? task : null;
}

export async function logEvent(redis: Redis, event: string): Promise<void> {
  await send(redis, 'lpush', [LOG, event]);
  await send(redis, 'ltrim', [LOG, '0', '4']);
}
