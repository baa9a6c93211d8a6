import type { CheckList } from '../../../../checks/api.ts';
import type * as Solution from './solution.ts';

type Exports = typeof Solution;

// What a fresh ioredis 6 connection (RESP3) returns, as real ioredis returns it on a real
// redis-server: a connection left in another state by an earlier learner answers otherwise.
const checks: CheckList<Exports> = [
  {
    name: 'stream replies have the shape a fresh connection gives',
    async run({ call, sandboxClient, expect }) {
      const entries = [
        ['1-1', ['kind', 'signup']],
        ['2-1', ['kind', 'login']],
      ];
      expect.equal(
        await call('streams', sandboxClient),
        {
          read: [['events', entries]],
          group: [['events', entries]],
          pending: [2, '1-1', '2-1', [['w1', '2']]],
        },
        'the stream replies',
      );
    },
  },
  {
    name: 'scripts and functions run as on a fresh connection',
    async run({ call, sandboxClient, expect }) {
      expect.equal(
        await call('scripts', sandboxClient),
        { counted: 5, fields: ['name', 'Ada'], doubled: 10 },
        'the script replies',
      );
    },
  },
  {
    name: 'pipelines and transactions run on database 0 as on a fresh connection',
    async run({ call, sandboxClient, redis, expect }) {
      expect.equal(
        await call('batches', sandboxClient),
        {
          piped: [
            [null, 'OK'],
            [null, 2],
            [null, 1],
            [null, { f: 'v' }],
          ],
          atomic: [
            [null, 3],
            [null, '3'],
            [null, 0],
          ],
          database: '3',
        },
        'the batch replies',
      );
      expect.equal(await redis.get('a'), '3', 'GET a, read by the grader on database 0');
    },
  },
];

export default checks;
