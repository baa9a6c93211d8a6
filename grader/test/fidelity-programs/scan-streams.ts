import type Redis from 'ioredis';

// scanStream() and its kin for hashes, sets and sorted sets, with match, count and type: read
// with `for await`, with `data` and `end` events, paused while each batch is worked on, closed
// early, left early, and failing with Redis's error. Batches come in an order Redis chooses, so
// what they held is returned sorted.

const sorted = (items: unknown[]) => items.map(String).sort();

export default async function main(redis: Redis) {
  for (let i = 1; i <= 30; i++) await redis.set(`user:${i}`, i);
  await redis.set('other', 'x');
  await redis.sadd('tags', 'red', 'green', 'blue', 'rose');
  await redis.hset('profile', { name: 'Ada', born: '1815' });
  await redis.zadd('scores', 3, 'c', 1, 'a', 2, 'b');

  const users: unknown[] = [];
  let allArrays = true;
  for await (const batch of redis.scanStream({ match: 'user:*', count: 7 })) {
    allArrays &&= Array.isArray(batch);
    users.push(...batch);
  }

  const byEvents = await new Promise<{ keys: string[]; events: string[] }>((resolve) => {
    const stream = redis.scanStream({ count: 5 });
    const keys: string[] = [];
    const events: string[] = [];
    stream.on('data', (batch: string[]) => {
      keys.push(...batch);
      if (events.at(-1) !== 'data') events.push('data');
    });
    stream.on('end', () => events.push('end'));
    stream.on('close', () => {
      events.push('close');
      resolve({ keys: sorted(keys), events });
    });
  });

  const ofType: unknown[] = [];
  for await (const batch of redis.scanStream({ type: 'zset' })) ofType.push(...batch);
  const tags: unknown[] = [];
  for await (const batch of redis.sscanStream('tags', { match: 'r*' })) tags.push(...batch);
  const fields: unknown[] = [];
  for await (const batch of redis.hscanStream('profile')) fields.push(...batch);
  const members: unknown[] = [];
  for await (const batch of redis.zscanStream('scores', { count: 10 })) members.push(...batch);
  const bytes: unknown[] = [];
  for await (const batch of redis.scanBufferStream({ match: 'other' })) bytes.push(...batch);

  // Deleting each batch while the stream waits, as cleanup code does.
  const deleted = await new Promise<number>((resolve) => {
    const stream = redis.scanStream({ match: 'user:*', count: 10 });
    let count = 0;
    stream.on('data', async (batch: string[]) => {
      stream.pause();
      if (batch.length > 0) count += await redis.del(...batch);
      stream.resume();
    });
    stream.on('end', () => resolve(count));
  });

  const closedEarly = await new Promise<string[]>((resolve) => {
    const stream = redis.scanStream({ count: 1 });
    const events: string[] = [];
    stream.on('data', () => {
      events.push('data');
      stream.close();
    });
    stream.on('end', () => {
      events.push('end');
      resolve(events);
    });
  });

  const leftEarly = redis.sscanStream('tags', { count: 1 });
  let batches = 0;
  for await (const _batch of leftEarly) {
    batches += 1;
    break;
  }

  const failure = await new Promise((resolve) => {
    const stream = redis.hscanStream('other');
    stream.on('data', () => {});
    stream.on('error', (error: Error) => resolve(error.message));
  });

  return {
    users: sorted(users),
    allArrays,
    byEvents,
    ofType,
    tags: sorted(tags),
    fields,
    members,
    bytes,
    deleted,
    left: await redis.dbsize(),
    closedEarly,
    leftEarly: { batches, destroyed: leftEarly.destroyed },
    failure,
  };
}
