import type Redis from 'ioredis';

// call() and callBuffer() queue on pipeline() and multi() chains like any command, between
// named commands, in a batch given as an array, and answer in exec()'s results, a refused
// command as [error] alone.

export default async function main(redis: Redis) {
  const piped = await redis
    .pipeline()
    .call('SET', 'greeting', 'hello')
    .call('APPEND', 'greeting', ' world')
    .get('greeting')
    .callBuffer('GET', 'greeting')
    .call('LPUSH', 'greeting', 'x')
    .exec();
  const transaction = await redis
    .multi()
    .call('INCRBY', 'n', 5)
    .incr('n')
    .callBuffer('GET', 'n')
    .exec();
  const batched = await redis
    .pipeline([
      ['call', 'SET', 'b', '1'],
      ['call', 'INCR', 'b'],
      ['callBuffer', 'GET', 'b'],
    ])
    .exec();
  const queued = redis.pipeline().call('PING').callBuffer('PING', 'hi');
  return {
    piped: piped?.map((result) => (result[0] ? [result.length, result[0].message] : result)),
    transaction,
    batched,
    length: queued.length,
    queued: await queued.exec(),
  };
}
