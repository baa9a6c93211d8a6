import type Redis from 'ioredis';
import type { CheckList } from '../../../../checks/api.ts';

interface Exports {
  countVisit(redis: Redis, page: string): Promise<number>;
}

const checks: CheckList<Exports> = [
  {
    name: 'the first visit counts 1',
    async run({ call, sandboxClient, random, expect }) {
      const page = random.word();
      expect.equal(await call('countVisit', sandboxClient, page), 1, `countVisit(${page})`);
    },
  },
  {
    name: 'the count is kept under visits:<page>',
    async run({ call, sandboxClient, redis, random, expect }) {
      const page = random.word();
      const before = random.int(2, 90);
      await redis.set(`visits:${page}`, before);
      expect.equal(
        await call('countVisit', sandboxClient, page),
        before + 1,
        `countVisit(${page}) after SET visits:${page} ${before}`,
      );
      expect.equal(await redis.get(`visits:${page}`), String(before + 1), `GET visits:${page}`);
    },
  },
  {
    name: 'a visit is one INCR, so that none is lost',
    async run({ call, sandboxClient, commands, expect }) {
      await call('countVisit', sandboxClient, 'home');
      const sent = commands().map((command) => command.name);
      expect.equal(sent, ['incr'], 'the commands countVisit sent');
    },
  },
];

export default checks;
