// SET, GET and PTTL in one MULTI: makes sure weather kept no expiry, and returns GET's answer.
import type Redis from 'ioredis';

export async function main(redis: Redis): Promise<string | null> {
  const replies = await redis.multi().set('weather', 'sunny').get('weather').pttl('weather').exec();
  if (!replies) throw new Error('the transaction was aborted');
  const [[setError], [getError, value], [, ttl]] = replies as [
    [unknown],
    [unknown, unknown],
    [unknown, unknown],
  ];
  if (setError) throw setError;
  if (getError) throw getError;
  if (ttl !== -1) throw new Error(`weather still expires in ${String(ttl)} ms`);
  return value as string | null;
}
