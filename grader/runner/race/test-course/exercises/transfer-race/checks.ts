import type Redis from 'ioredis';
import type { CheckList } from '../../../../../checks/api.ts';

interface Exports {
  transfer(redis: Redis, from: string, to: string, amount: number): Promise<boolean>;
}

const pointsKey = (user: string) => `points:${user}`;

const checks: CheckList<Exports> = [
  {
    name: 'two transfers at the same time cannot overdraw the sender',
    async run({ race, sandboxClient, redis, expect, random }) {
      const [from, first, second] = ['ada', 'bo', 'cy'].map((name) => name + random.word(3));
      const amount = random.int(20, 100);
      const balance = amount + random.int(0, amount - 1);
      await race({
        calls: [
          ['transfer', sandboxClient, from as string, first as string, amount],
          ['transfer', sandboxClient, from as string, second as string, amount],
        ],
        labels: [`transfer(${from}→${first}, ${amount})`, `transfer(${from}→${second}, ${amount})`],
        setup: async () => {
          await redis.set(pointsKey(from as string), balance);
        },
        verify: async ([one, other]) => {
          const left = await redis.get(pointsKey(from as string));
          expect.ok(
            [one.returned, other.returned].filter(Boolean).length === 1 &&
              left === String(balance - amount),
            `${from} had ${balance} points, enough for one transfer of ${amount}; the transfers returned ${one.returned ?? one.threw} and ${other.returned ?? other.threw}, and left ${pointsKey(from as string)} = ${left}`,
          );
        },
      });
    },
  },
  {
    name: 'two transfers at the same time both succeed when there are points for both',
    async run({ race, sandboxClient, redis, expect, random }) {
      const [from, first, second] = ['ada', 'bo', 'cy'].map((name) => name + random.word(3));
      const amount = random.int(10, 100);
      const balance = 2 * amount + random.int(0, 100);
      await race({
        calls: [
          ['transfer', sandboxClient, from as string, first as string, amount],
          ['transfer', sandboxClient, from as string, second as string, amount],
        ],
        labels: [`transfer(${from}→${first}, ${amount})`, `transfer(${from}→${second}, ${amount})`],
        setup: async () => {
          await redis.set(pointsKey(from as string), balance);
        },
        verify: async (results) => {
          expect.equal(
            results.map((result) => result.returned ?? result.threw),
            [true, true],
            `${from} had ${balance} points, enough for two transfers of ${amount}; the two transfers returned`,
          );
          expect.equal(
            await redis.get(pointsKey(from as string)),
            String(balance - 2 * amount),
            `GET ${pointsKey(from as string)}`,
          );
        },
      });
    },
  },
];

export default checks;
