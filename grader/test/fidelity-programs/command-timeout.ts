import type Redis from 'ioredis';

// commandTimeout: a command that Redis has not answered within it fails with "Command timed
// out" (a BLPOP waiting on an empty list), one answered in time is unchanged, and the late
// reply of the one that failed reaches nothing.

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export default async function main(redis: Redis) {
  const hasty = redis.duplicate({ commandTimeout: 100 });
  const stored = await hasty.set('greeting', 'hello');
  const read = await hasty.get('greeting');
  const blocked = await hasty.blpop('empty', 0.3).catch((error: Error) => error.message);
  // The BLPOP's own answer comes after 0.3 s: wait it out, then the client goes on as before.
  await pause(400);
  const after = await hasty.get('greeting');
  hasty.disconnect();
  return { stored, read, blocked, after };
}
