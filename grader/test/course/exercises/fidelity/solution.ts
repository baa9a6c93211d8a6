import { Buffer as ImportedBuffer } from 'node:buffer';
import { randomBytes, randomUUID } from 'node:crypto';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import Redis from 'ioredis';

export async function constructorForms(): Promise<string[]> {
  const clients = [
    new Redis(),
    new Redis(6379),
    new Redis(6379, 'localhost'),
    new Redis('redis://localhost:6379/0'),
    new Redis({ host: 'localhost', port: 6379, lazyConnect: true }),
  ];
  await clients[0]?.set('shared', 'seen by all');
  const seen = await Promise.all(clients.map(async (client) => (await client.get('shared')) ?? ''));
  await Promise.all(clients.map((client) => client.quit()));
  return seen;
}

export async function replyShapes(redis: Redis) {
  await redis.hset('user:1', { name: 'Ada', born: '1815' });
  await redis.rpush('list', 'a', 'b');
  return {
    hash: await redis.hgetall('user:1'),
    list: await redis.lrange('list', 0, -1),
    missing: await redis.get('missing'),
    count: await redis.incrby('counter', 5),
    ok: await redis.set('k', 'v'),
  };
}

export async function bytesRoundTrip(redis: Redis): Promise<Buffer> {
  const bytes = Buffer.from([0, 1, 2, 254, 255]);
  await redis.set('bytes', bytes);
  const back = await redis.getBuffer('bytes');
  if (!Buffer.isBuffer(back)) throw new Error('getBuffer did not give a Buffer');
  return back;
}

export async function catchesRedisErrors(redis: Redis): Promise<string> {
  await redis.set('text', 'hello');
  try {
    await redis.lpush('text', 'x');
    return 'no error';
  } catch (error) {
    return (error as Error).message;
  }
}

export function callbackStyle(redis: Redis): Promise<string | null | undefined> {
  return new Promise((resolve, reject) => {
    redis.set('cb', 'yes', (setError) => {
      if (setError) return reject(setError);
      redis.get('cb', (getError, value) => (getError ? reject(getError) : resolve(value)));
    });
  });
}

export async function pipelineAndMulti(redis: Redis) {
  const piped = await redis.pipeline().set('p', '1').incr('p').lpush('p', 'x').get('p').exec();
  const multi = await redis.multi().set('m', '1').incr('m').exec();
  const watcher = new Redis();
  await watcher.watch('w');
  await redis.set('w', 'changed by someone else');
  const aborted = await watcher.multi().set('w', 'mine').exec();
  return {
    piped: piped?.map(([error, value]) => (error ? `error: ${error.message}` : value)),
    multi: multi?.map(([, value]) => value),
    aborted,
  };
}

export async function loggedShapes(redis: Redis): Promise<void> {
  await redis.hset('h', { a: 1, b: 2 });
  await redis.mset(
    new Map([
      ['x', '1'],
      ['y', '2'],
    ]),
  );
  await redis.multi().set('m', '1').incr('m').exec();
  await redis.pipeline().set('p', '1').get('p').exec();
}

export async function webApis() {
  const encoded = new TextEncoder().encode('héllo');
  const cloned = structuredClone(new Map([['a', { deep: [1, 2] }]]));
  return {
    encodedLength: encoded.length,
    decoded: new TextDecoder().decode(encoded),
    cloned: cloned.get('a'),
    uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(
      randomUUID(),
    ),
    globalUuid: typeof crypto.randomUUID(),
    random: randomBytes(16).length,
    base64: Buffer.from('hi').toString('base64'),
    oneBuffer: ImportedBuffer === Buffer && Buffer.isBuffer(randomBytes(1)),
  };
}

export async function timers(): Promise<string[]> {
  const events: string[] = [];
  const cancelled = setTimeout(() => events.push('cancelled fired'), 5);
  clearTimeout(cancelled);
  await new Promise<void>((resolve) => setTimeout(() => resolve(), 10));
  events.push('timeout');
  let ticks = 0;
  await new Promise<void>((resolve) => {
    const interval = setInterval(() => {
      ticks += 1;
      if (ticks === 3) {
        clearInterval(interval);
        resolve();
      }
    }, 1);
  });
  events.push(`interval x${ticks}`);
  return events;
}

export async function readsFixture(): Promise<Buffer> {
  return readFile('fixtures/tiny.png');
}

export async function namesWhatIsMissing(): Promise<string> {
  try {
    return String((globalThis as unknown as { process: { env: unknown } }).process.env);
  } catch (error) {
    return (error as Error).message;
  }
}

export async function scheduleLateWrite(redis: Redis): Promise<void> {
  setTimeout(() => void redis.set('late', 'written after the check'), 50);
  setTimeout(() => void new Redis().set('late', 'written by a new client'), 60);
}

const heard: string[] = [];

export async function subscribeAndLeave(redis: Redis): Promise<string[]> {
  const subscriber = redis.duplicate();
  subscriber.on('message', (channel: string, message: string) =>
    heard.push(`${channel}: ${message}`),
  );
  await subscriber.subscribe('left-open');
  const first = once(subscriber, 'message');
  await redis.publish('left-open', 'hello');
  await first;
  return [...heard];
}

export async function heardSoFar(): Promise<string[]> {
  await new Promise((resolve) => setTimeout(resolve, 20));
  return [...heard];
}

/** A module's client, kept from call to call: and with it, the database it is in. */
let inTwo: Redis | undefined;

export async function writesInDatabases(): Promise<void> {
  inTwo = new Redis({ db: 2 });
  const byUrl = new Redis('redis://localhost:6379/3');
  await inTwo.set('where', 'two');
  await byUrl.set('where', 'three');
  await byUrl.quit();
}

export async function readsInDatabaseTwo(): Promise<string | null> {
  return (await inTwo?.get('where')) ?? null;
}

export async function printsALot(): Promise<void> {
  for (let i = 0; i < 100; i++) console.log(`line ${i}`);
}
