// Every command built as an ioredis Command and sent with sendCommand, replies decoded as UTF-8;
// the booleans from SREM's and SISMEMBER's integers.
import type Redis from 'ioredis';
import { Command } from 'ioredis';

const key = (user: string) => `interests:${user}`;

function send<T>(redis: Redis, name: string, args: (string | number)[]): Promise<T> {
  return redis.sendCommand(new Command(name, args, { replyEncoding: 'utf8' })) as Promise<T>;
}

export async function follow(redis: Redis, user: string, ...topics: string[]): Promise<number> {
  return send<number>(redis, 'SADD', [key(user), ...topics]);
}

export async function unfollow(redis: Redis, user: string, topic: string): Promise<boolean> {
  return (await send<number>(redis, 'SREM', [key(user), topic])) > 0;
}

export async function hasInterest(redis: Redis, user: string, topic: string): Promise<boolean> {
  return (await send<number>(redis, 'SISMEMBER', [key(user), topic])) === 1;
}

export async function common(redis: Redis, a: string, b: string): Promise<string[]> {
  return (await send<string[]>(redis, 'SINTER', [key(a), key(b)])).sort();
}

export async function suggest(redis: Redis, user: string, friend: string): Promise<string[]> {
  return (await send<string[]>(redis, 'SDIFF', [key(friend), key(user)])).sort();
}

export async function countCommon(
  redis: Redis,
  a: string,
  b: string,
  atMost: number,
): Promise<number> {
  return send<number>(redis, 'SINTERCARD', [2, key(a), key(b), 'LIMIT', atMost]);
}
