import type Redis from 'ioredis';

// The database a client is in: the one its `db` option names (a copy's too), then the one its
// last SELECT named, in a pipeline too, for every command it sends after; other clients' keys
// live in theirs.

export default async function main(redis: Redis) {
  const two = redis.duplicate({ db: 2 });
  const selected: number[] = [];
  two.on('select', (db: number) => selected.push(db));
  await two.set('where', 'two');
  const fromZero = await redis.get('where');
  const fromTwo = await two.get('where');
  await two.select(3);
  await two.set('where', 'three');
  const pipelined = await two.pipeline().get('where').select(2).get('where').exec();
  const afterPipeline = await two.get('where');
  const another = redis.duplicate({ db: 3 });
  const fromThree = await another.get('where');
  two.disconnect();
  another.disconnect();
  return { fromZero, fromTwo, pipelined, afterPipeline, fromThree, selected };
}
