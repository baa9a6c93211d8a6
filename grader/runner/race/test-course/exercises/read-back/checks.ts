import type Redis from 'ioredis';
import type { CheckList } from '../../../../../checks/api.ts';

interface Exports {
  writeThenRead(redis: Redis, key: string): Promise<string | null>;
}

const checks: CheckList<Exports> = [
  {
    name: 'returns what GET answered, whenever the grader writes the key',
    async run({ race, sandboxClient, redis, expect, random }) {
      const key = random.word();
      /** Where the grader's step fell in each interleaving, among the call's steps. */
      const places = new Set<number>();
      const report = await race({
        calls: [['writeThenRead', sandboxClient, key]],
        interject: [['SET', key, 'red']],
        verify: async ([result], steps) => {
          const grader = steps.findIndex(({ by }) => by === 'grader');
          places.add(grader);
          expect.equal(
            steps[grader]?.commands,
            [{ name: 'set', args: [key, 'red'], write: true }],
            'the step',
          );
          expect.equal(steps[grader]?.reply, { value: 'OK' }, "the grader's reply");
          const read = steps.findLast(
            ({ by, commands }) => by === 0 && commands[0]?.name === 'get',
          );
          const answered = read?.reply && 'value' in read.reply ? read.reply.value : undefined;
          expect.equal(result.returned, answered, 'what writeThenRead returned, against GET');
          expect.equal(await redis.get(key), grader === 0 ? 'blue' : 'red', `GET ${key}`);
        },
      });
      expect.equal([...places].sort(), [0, 1, 2], "the places the grader's step was tried at");
      expect.ok(report.exhaustive, 'every interleaving was tried');
    },
  },
];

export default checks;
