// Written differently: every command built as an ioredis Command and sent with sendCommand(),
// SET's options in another order (NX before PX, in milliseconds), PEXPIRE … GT in milliseconds,
// PEXPIREAT for the moment, and PERSIST.

import type Redis from 'ioredis';
import { Command } from 'ioredis';

const keyOf = (user: string) => `trial:${user}`;

async function send(redis: Redis, name: string, args: (string | number)[]): Promise<unknown> {
  return redis.sendCommand(new Command(name, args, { replyEncoding: 'utf8' }));
}

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  const reply = await send(redis, 'set', [keyOf(user), plan, 'NX', 'PX', seconds * 1000]);
  return reply === 'OK';
}

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  return (await send(redis, 'pexpire', [keyOf(user), seconds * 1000, 'GT'])) === 1;
}

export async function endTrialAt(
  redis: Redis,
  user: string,
  unixSeconds: number,
): Promise<boolean> {
  return (await send(redis, 'pexpireat', [keyOf(user), unixSeconds * 1000])) === 1;
}

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  return (await send(redis, 'persist', [keyOf(user)])) === 1;
}
