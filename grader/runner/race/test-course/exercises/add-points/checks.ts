import type Redis from 'ioredis';
import type { CheckContext, CheckList } from '../../../../../checks/api.ts';

interface Exports {
  addPoints(redis: Redis, user: string, points: number): Promise<number>;
}

/**
 * `amounts.length` additions to one user at the same time: none may be lost, and each returns
 * the total right after its own addition.
 */
async function addAtOnce(
  { race, sandboxClient, redis, expect, random }: CheckContext<Exports>,
  count: number,
  maxInterleavings?: number,
): Promise<void> {
  const user = random.word();
  const key = `points:${user}`;
  const start = random.int(0, 50);
  const amounts = Array.from({ length: count }, (_, index) => random.int(1, 9) + 10 * index);
  await race({
    calls: amounts.map((amount) => ['addPoints', sandboxClient, user, amount] as const),
    labels: amounts.map((amount) => `addPoints(+${amount})`),
    setup: async () => {
      await redis.set(key, start);
    },
    verify: async (results) => {
      const sum = amounts.reduce((total, amount) => total + amount, 0);
      expect.equal(
        await redis.get(key),
        String(start + sum),
        `GET ${key} (it held ${start}, then ${amounts.join(' and ')} were added at the same time)`,
      );
      const totals = results.map((result) => result.returned);
      expect.ok(
        totals.includes(start + sum),
        `one addition must return the final total, ${start + sum}; they returned ${totals.join(', ')}`,
      );
    },
    ...(maxInterleavings === undefined ? {} : { maxInterleavings }),
  });
}

const checks: CheckList<Exports> = [
  {
    name: 'two additions at the same time lose no points',
    run: (ctx) => addAtOnce(ctx, 2),
  },
  {
    name: 'three additions at the same time lose no points',
    run: (ctx) => addAtOnce(ctx, 3),
  },
  {
    name: 'three additions lose no points in one random interleaving',
    run: (ctx) => addAtOnce(ctx, 3, 2),
  },
  {
    name: 'the race reports how many interleavings it tried',
    async run({ race, sandboxClient, expect }) {
      const report = await race({
        calls: [
          ['addPoints', sandboxClient, 'ada', 1],
          ['addPoints', sandboxClient, 'ada', 2],
        ],
        verify: async () => {},
      });
      expect.ok(
        // The calls one after another on fresh modules, then at least both orders on modules that ran
        // once.
        report.exhaustive && report.interleavings >= 3,
        `tried ${report.interleavings} interleavings, exhaustive: ${report.exhaustive}`,
      );
    },
  },
];

export default checks;
