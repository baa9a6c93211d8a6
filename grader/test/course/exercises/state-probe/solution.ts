import type Redis from 'ioredis';

// Stream replies are where a connection that speaks another protocol than ioredis believes
// shows first: their shape changes.
export async function streams(redis: Redis): Promise<unknown> {
  await redis.xadd('events', '1-1', 'kind', 'signup');
  await redis.xadd('events', '2-1', 'kind', 'login');
  const read = await redis.xread('COUNT', 10, 'STREAMS', 'events', '0');
  await redis.xgroup('CREATE', 'events', 'workers', '0');
  const group = await redis.xreadgroup(
    'GROUP',
    'workers',
    'w1',
    'COUNT',
    10,
    'STREAMS',
    'events',
    '>',
  );
  const pending = await redis.xpending('events', 'workers');
  return { read, group, pending };
}

export async function scripts(redis: Redis): Promise<unknown> {
  await redis.hset('user', 'name', 'Ada');
  const counted = await redis.eval(
    "return redis.call('INCRBY', KEYS[1], ARGV[1])",
    1,
    'counter',
    5,
  );
  const fields = await redis.eval("return redis.call('HGETALL', KEYS[1])", 1, 'user');
  await redis.function(
    'LOAD',
    "#!lua name=probe\nredis.register_function('double', function(keys) return redis.call('INCRBY', keys[1], redis.call('GET', keys[1])) end)",
  );
  const doubled = await redis.fcall('double', 1, 'counter');
  return { counted, fields, doubled };
}

export async function batches(redis: Redis): Promise<unknown> {
  const piped = await redis
    .pipeline()
    .set('a', '1')
    .incr('a')
    .hset('h', 'f', 'v')
    .hgetall('h')
    .exec();
  const atomic = await redis.multi().incr('a').get('a').exists('nothing').exec();
  const database = await redis.get('a');
  return { piped, atomic, database };
}
