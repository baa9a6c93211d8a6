import type Redis from 'ioredis';
import type { CheckList } from '../../../../checks/api.ts';
import type * as Solution from './solution.ts';

type Exports = typeof Solution;

const checks: CheckList<Exports> = [
  {
    name: 'every ioredis constructor form reaches the sandbox',
    async run({ call, expect }) {
      expect.equal(
        await call('constructorForms'),
        Array(5).fill('seen by all'),
        'what each client read',
      );
    },
  },
  {
    name: 'replies have ioredis shapes',
    async run({ call, sandboxClient, expect }) {
      expect.equal(
        await call('replyShapes', sandboxClient),
        {
          hash: { name: 'Ada', born: '1815' },
          list: ['a', 'b'],
          missing: null,
          count: 5,
          ok: 'OK',
        },
        'the replies',
      );
    },
  },
  {
    name: 'bytes go in and come out as Buffers, unchanged',
    async run({ call, sandboxClient, redis, expect }) {
      const expected = Buffer.from([0, 1, 2, 254, 255]);
      expect.equal(await call('bytesRoundTrip', sandboxClient), expected, 'the returned bytes');
      expect.equal(await redis.getBuffer('bytes'), expected, 'the stored bytes');
    },
  },
  {
    name: 'Redis errors are catchable with Redis\u2019s message',
    async run({ call, sandboxClient, expect }) {
      expect.equal(
        await call('catchesRedisErrors', sandboxClient),
        'WRONGTYPE Operation against a key holding the wrong kind of value',
        'the caught message',
      );
    },
  },
  {
    name: 'callbacks work as in ioredis',
    async run({ call, sandboxClient, expect }) {
      expect.equal(
        await call('callbackStyle', sandboxClient),
        'yes',
        'the value passed to the callback',
      );
    },
  },
  {
    name: 'pipeline() and multi() run with exec(), and a WATCHed transaction can abort',
    async run({ call, sandboxClient, expect }) {
      expect.equal(
        await call('pipelineAndMulti', sandboxClient),
        {
          piped: [
            'OK',
            2,
            'error: WRONGTYPE Operation against a key holding the wrong kind of value',
            '2',
          ],
          multi: ['OK', 2],
          aborted: null,
        },
        'the pipeline, transaction and aborted transaction',
      );
    },
  },
  {
    name: 'the command log shows what Redis received: objects spread, transactions and pipelines marked',
    async run({ call, sandboxClient, commands, expect }) {
      await call('loggedShapes', sandboxClient);
      expect.equal(
        commands().map(({ name, args, batch }) => [name, ...args, `#${batch ?? '-'}`].join(' ')),
        [
          'hset h a 1 b 2 #-',
          'mset x 1 y 2 #-',
          'multi #1',
          'set m 1 #1',
          'incr m #1',
          'exec #1',
          'set p 1 #2',
          'get p #2',
        ],
        'the command log',
      );
    },
  },
  {
    name: 'TextEncoder, structuredClone, crypto and Buffer behave as in Node',
    async run({ call, expect }) {
      expect.equal(
        await call('webApis'),
        {
          encodedLength: 6,
          decoded: 'héllo',
          cloned: { deep: [1, 2] },
          uuid: true,
          globalUuid: 'string',
          random: 16,
          base64: 'aGk=',
          oneBuffer: true,
        },
        'the results',
      );
    },
  },
  {
    name: 'timers fire, and cleared timers do not',
    async run({ call, expect }) {
      expect.equal(await call('timers'), ['timeout', 'interval x3'], 'the timer events');
    },
  },
  {
    name: 'the exercise fixtures can be read',
    async run({ call, expect }) {
      expect.equal(
        await call('readsFixture'),
        Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x01, 0x02, 0xff]),
        'the bytes of fixtures/tiny.png',
      );
    },
  },
  {
    name: 'a Node API that is not there says so and why',
    async run({ call, expect }) {
      const message = String(await call('namesWhatIsMissing'));
      expect.ok(
        message.startsWith('process is not available in the Keyspace sandbox'),
        `unexpected message: ${message}`,
      );
    },
  },
  {
    name: 'a check can leave timers behind',
    async run({ call, sandboxClient }) {
      await call('scheduleLateWrite', sandboxClient);
    },
  },
  {
    name: 'late work from an earlier check cannot change this one',
    async run({ redis, expect }) {
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect.equal(await redis.exists('late'), 0, 'EXISTS late');
    },
  },
  {
    name: 'a check can leave a subscription open',
    async run({ call, sandboxClient, expect }) {
      expect.equal(
        await call('subscribeAndLeave', sandboxClient),
        ['left-open: hello'],
        'what the subscriber heard',
      );
    },
  },
  {
    name: 'a subscription left by an earlier check hears nothing in this one',
    async run({ call, redis, expect }) {
      expect.equal(await redis.publish('left-open', 'too late'), 0, 'PUBLISH left-open too late');
      expect.equal(await call('heardSoFar'), ['left-open: hello'], 'what the subscriber heard');
    },
  },
  {
    name: 'a client works in the database its db option or its URL names',
    async run({ call, redis, expect }) {
      await call('writesInDatabases');
      // One transaction, which ends back in database 0: the grader's client is shared by checks.
      const replies = await redis
        .multi()
        .get('where')
        .select(2)
        .get('where')
        .select(3)
        .get('where')
        .select(0)
        .exec();
      expect.equal(
        replies?.filter((_, index) => index % 2 === 0).map(([, value]) => value),
        [null, 'two', 'three'],
        'GET where in databases 0, 2 and 3',
      );
    },
  },
  {
    name: 'a client kept from an earlier check is still in its database',
    async run({ call, redis, expect }) {
      await redis.multi().select(2).set('where', 'still two').select(0).exec();
      expect.equal(await call('readsInDatabaseTwo'), 'still two', 'what the kept client read');
    },
  },
  {
    name: 'the exercise can lower the output limit',
    async run({ call }) {
      await call('printsALot');
    },
  },
];

export default checks;

// Keeps the Redis type import used for instructors reading this as an example.
export type { Redis };
