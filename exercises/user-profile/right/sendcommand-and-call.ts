// Right, written differently: saveProfile sends HSET as an ioredis Command through
// sendCommand(), loadProfile reads HGETALL with call() and pairs the reply itself (a flat array
// or a map, whichever the protocol gives), addPoints runs HINCRBY inside a MULTI.
import type Redis from 'ioredis';
import { Command } from 'ioredis';

export interface Profile {
  name: string;
  email: string;
  city: string;
}

export async function saveProfile(redis: Redis, id: string, profile: Profile): Promise<void> {
  const args = [`user:${id}`, 'name', profile.name, 'email', profile.email, 'city', profile.city];
  await redis.sendCommand(new Command('hset', args, { replyEncoding: 'utf8' }));
}

export async function loadProfile(
  redis: Redis,
  id: string,
): Promise<Record<string, string> | null> {
  const reply = (await redis.call('HGETALL', `user:${id}`)) as unknown;
  const fields: Record<string, string> = {};
  if (Array.isArray(reply)) {
    for (let i = 0; i + 1 < reply.length; i += 2) fields[String(reply[i])] = String(reply[i + 1]);
  } else if (reply instanceof Map) {
    for (const [field, value] of reply) fields[String(field)] = String(value);
  } else if (reply !== null && typeof reply === 'object') {
    for (const [field, value] of Object.entries(reply)) fields[field] = String(value);
  }
  return Object.keys(fields).length > 0 ? fields : null;
}

export async function addPoints(redis: Redis, id: string, points: number): Promise<number> {
  const replies = await redis.multi().hincrby(`user:${id}`, 'points', points).exec();
  const [error, total] = replies?.[0] ?? [new Error('the transaction was aborted'), null];
  if (error) throw error;
  return Number(total);
}
