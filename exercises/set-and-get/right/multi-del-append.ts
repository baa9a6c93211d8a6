// One MULTI deletes weather (whatever its type and expiry), APPENDs sunny to the fresh key and
// reads it back: GET's reply is the third of EXEC's.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  const replies = await redis
    .multi()
    .del('weather')
    .append('weather', 'sunny')
    .get('weather')
    .exec();
  const [error, value] = replies?.[2] ?? [new Error('the transaction was aborted')];
  if (error) throw error;
  return value as string | null;
}
