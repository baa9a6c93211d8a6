// A MULTI whose commands are sent one by one (each answered QUEUED): the GET's answer is the
// second of EXEC's results.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  await redis.multi({ pipeline: false });
  await redis.set('weather', 'sunny');
  await redis.get('weather');
  const replies = (await redis.exec()) as unknown;
  // ioredis answers [[error, value], ...] for exec(); take the GET's entry.
  const entry = (replies as [unknown, unknown][] | null)?.[1];
  if (!entry) throw new Error('the transaction was aborted');
  const [error, value] = Array.isArray(entry) ? entry : [null, entry];
  if (error) throw error;
  return value as string | null;
}
