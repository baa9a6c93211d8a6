// One MULTI deletes weather (whatever its type), stores sunny and reads it back: GET's reply
// is the third of EXEC's.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  const replies = await redis.multi().del('weather').set('weather', 'sunny').get('weather').exec();
  const entry = replies?.[2];
  if (!entry) throw new Error('the transaction was aborted');
  const [error, value] = entry;
  if (error) throw error;
  return value as string | null;
}
