import type Redis from 'ioredis';
import type { CheckList, Random } from '../../grader/checks/api.ts';

interface Exports {
  enqueue(redis: Redis, queue: string, task: string): Promise<number>;
  dequeue(redis: Redis, queue: string): Promise<string | null>;
  logEvent(redis: Redis, event: string): Promise<void>;
}

const JOBS = ['resize', 'send', 'build', 'index', 'render', 'charge'];
const EVENTS = ['login', 'logout', 'search', 'view', 'upload', 'comment'];

/** `count` different values from `make`, so that order mistakes cannot hide behind duplicates. */
function distinct(count: number, make: () => string): string[] {
  const values = new Set<string>();
  while (values.size < count) values.add(make());
  return [...values];
}

const tasks = (random: Random, count: number) =>
  distinct(count, () => `${random.pick(JOBS)}-${random.word(5)}`);
const events = (random: Random, count: number) =>
  distinct(count, () => `${random.pick(EVENTS)}:${random.word(4)}`);

const queueName = (random: Random) => random.word(6);

const checks: CheckList<Exports> = [
  {
    name: 'enqueue adds the task at the tail of queue:<queue>',
    async run({ call, sandboxClient, redis, expect, random }) {
      const queue = queueName(random);
      const key = `queue:${queue}`;
      const [first, second, task] = tasks(random, 3) as [string, string, string];
      await redis.rpush(key, first, second);
      await call('enqueue', sandboxClient, queue, task);
      expect.equal(await redis.type(key), 'list', `TYPE ${key}`);
      expect.equal(
        await redis.lrange(key, 0, -1),
        [first, second, task],
        `LRANGE ${key} 0 -1 (the queue already held ${first} and ${second}; ${task} belongs after them)`,
      );
    },
  },
  {
    name: 'enqueue returns the length of the queue after the push',
    async run({ call, sandboxClient, redis, expect, random }) {
      const queue = queueName(random);
      const key = `queue:${queue}`;
      const waiting = random.int(0, 4);
      const [task, ...seeded] = tasks(random, waiting + 1) as [string, ...string[]];
      if (seeded.length > 0) await redis.rpush(key, ...seeded);
      const returned = await call('enqueue', sandboxClient, queue, task);
      const length = await redis.llen(key);
      expect.equal(
        returned,
        waiting + 1,
        `what enqueue returned (the queue held ${waiting} ${waiting === 1 ? 'task' : 'tasks'} before; LLEN ${key} is now ${length})`,
      );
    },
  },
  {
    name: 'dequeue takes the oldest task, from the head of the list',
    async run({ call, sandboxClient, redis, expect, random }) {
      const queue = queueName(random);
      const key = `queue:${queue}`;
      const seeded = tasks(random, 3);
      await redis.rpush(key, ...seeded);
      const returned = await call('dequeue', sandboxClient, queue);
      expect.equal(
        returned,
        seeded[0],
        `the task dequeue returned from ${key}, which held ${seeded.join(', ')} (oldest first)`,
      );
      expect.equal(
        await redis.lrange(key, 0, -1),
        seeded.slice(1),
        `LRANGE ${key} 0 -1 afterwards`,
      );
    },
  },
  {
    name: 'dequeue returns null when the queue is empty',
    async run({ call, sandboxClient, redis, expect, random }) {
      const queue = queueName(random);
      const returned = await call('dequeue', sandboxClient, queue);
      expect.equal(
        returned,
        null,
        `what dequeue returned for queue:${queue}, which does not exist`,
      );
      expect.equal(await redis.keys('*'), [], 'KEYS * (dequeue must not create any key)');
    },
  },
  {
    name: 'tasks come out of the queue in the order they went in',
    async run({ call, sandboxClient, expect, random }) {
      const queue = queueName(random);
      const queued = tasks(random, 4);
      for (const task of queued) await call('enqueue', sandboxClient, queue, task);
      const taken: (string | null)[] = [];
      for (let i = 0; i <= queued.length; i++)
        taken.push(await call('dequeue', sandboxClient, queue));
      expect.equal(
        taken,
        [...queued, null],
        `five dequeue calls after enqueue of ${queued.join(', ')} (the last finds the queue empty)`,
      );
    },
  },
  {
    name: 'logEvent puts the newest event first in events:recent',
    async run({ call, sandboxClient, redis, expect, random }) {
      const logged = events(random, 3);
      for (const event of logged) await call('logEvent', sandboxClient, event);
      expect.equal(
        await redis.type('events:recent'),
        'list',
        'TYPE events:recent (none means there is no such key)',
      );
      expect.equal(
        await redis.lrange('events:recent', 0, -1),
        [...logged].reverse(),
        `LRANGE events:recent 0 -1 after logEvent of ${logged.join(', ')}, in that order`,
      );
    },
  },
  {
    name: 'logEvent keeps only the 5 newest events',
    async run({ call, sandboxClient, redis, expect, random }) {
      const all = events(random, 5 + random.int(1, 3));
      const older = all.slice(0, 5); // already in the log, newest first
      const newer = all.slice(5);
      await redis.rpush('events:recent', ...older);
      for (const event of newer) await call('logEvent', sandboxClient, event);
      const expected = [...[...newer].reverse(), ...older].slice(0, 5);
      expect.equal(
        await redis.llen('events:recent'),
        5,
        `LLEN events:recent (it held 5 events, logEvent added ${newer.length}; only the 5 newest may ` +
          `stay; the list now holds ${(await redis.lrange('events:recent', 0, -1)).join(', ')})`,
      );
      expect.equal(
        await redis.lrange('events:recent', 0, -1),
        expected,
        'LRANGE events:recent 0 -1',
      );
    },
  },
];

export default checks;
