import type Redis from 'ioredis';

// SET and GET in one transaction: the reply to GET is the second of exec()'s results.
export async function main(redis: Redis): Promise<string | null> {
  const replies = await redis.multi().set('weather', 'sunny').get('weather').exec();
  const [error, value] = replies?.[1] ?? [new Error('the transaction was aborted'), null];
  if (error) throw error;
  return value as string | null;
}
