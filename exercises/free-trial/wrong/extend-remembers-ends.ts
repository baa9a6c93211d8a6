// fails: extendTrial asks Redis on every call: a trial changed by another server is respected
import type Redis from 'ioredis';

// Remembers the ends it has set, to spare Redis a command when an extension is shorter. But
// another server may have moved the end since: then a real extension is skipped.
const ends = new Map<string, number>();

export async function startTrial(
  redis: Redis,
  user: string,
  plan: string,
  seconds: number,
): Promise<boolean> {
  return (await redis.set(`trial:${user}`, plan, 'EX', seconds, 'NX')) === 'OK';
}

export async function extendTrial(redis: Redis, user: string, seconds: number): Promise<boolean> {
  const endsAt = Date.now() + seconds * 1000;
  const known = ends.get(user);
  if (known !== undefined && endsAt <= known) return false;
  const moved = (await redis.expire(`trial:${user}`, seconds, 'GT')) === 1;
  if (moved) ends.set(user, endsAt);
  return moved;
}

export async function endTrialAt(
  redis: Redis,
  user: string,
  unixSeconds: number,
): Promise<boolean> {
  return (await redis.expireat(`trial:${user}`, unixSeconds)) === 1;
}

export async function makePermanent(redis: Redis, user: string): Promise<boolean> {
  return (await redis.persist(`trial:${user}`)) === 1;
}
