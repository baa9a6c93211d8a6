import type Redis from 'ioredis';

// multi({ pipeline: false }) sends MULTI at once: the client's next commands answer QUEUED, and
// the client's own exec() runs them, answering [error, result] pairs, a refused command as
// [error] alone. The client itself, not a chain, carries the transaction.

export default async function main(redis: Redis) {
  const opened = await redis.multi({ pipeline: false });
  const queued = [await redis.set('n', '5'), await redis.incr('n'), await redis.lpush('n', 'x')];
  const results = await redis.exec();
  const again = await redis.multi({ pipeline: false });
  await redis.incrby('n', 10);
  const [[error, total] = []] = (await redis.exec()) ?? [];
  return {
    opened,
    queued,
    results: results?.map((result) => (result[0] ? [result.length, result[0].message] : result)),
    again,
    error,
    total,
  };
}
