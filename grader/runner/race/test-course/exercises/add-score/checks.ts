import type Redis from 'ioredis';
import type { CheckList } from '../../../../../checks/api.ts';

interface Exports {
  addScore(redis: Redis, board: string, player: string, points: number): Promise<number>;
}

const checks: CheckList<Exports> = [
  {
    name: 'two scores added at the same time both count',
    async run({ race, sandboxClient, redis, expect, random }) {
      const board = random.word();
      const player = random.word();
      const start = random.int(0, 100);
      const [first, second] = [random.int(1, 10), random.int(11, 20)];
      await race({
        calls: [
          ['addScore', sandboxClient, board, player, first],
          ['addScore', sandboxClient, board, player, second],
        ],
        labels: [`addScore(+${first})`, `addScore(+${second})`],
        setup: async () => {
          await redis.zadd(`board:${board}`, start, player);
        },
        verify: async () => {
          expect.equal(
            await redis.zscore(`board:${board}`, player),
            String(start + first + second),
            `ZSCORE board:${board} ${player} (it was ${start}; ${first} and ${second} were added at the same time)`,
          );
        },
      });
    },
  },
];

export default checks;
