import type Redis from 'ioredis';
import type { CheckList } from '../../../../../checks/api.ts';

interface Exports {
  addJob(redis: Redis, queue: string, job: string): Promise<void>;
  takeJob(redis: Redis, queue: string): Promise<string | null>;
  waitForJob(redis: Redis, queue: string): Promise<string | null>;
}

const checks: CheckList<Exports> = [
  {
    name: 'two workers taking at the same time each get a job of their own',
    async run({ race, sandboxClient, redis, expect, random }) {
      const queue = random.word();
      const jobs = [random.word(), random.word()];
      const key = `jobs:${queue}`;
      await race({
        calls: [
          ['takeJob', sandboxClient, queue],
          ['takeJob', sandboxClient, queue],
        ],
        setup: async () => {
          await redis.rpush(key, ...jobs);
        },
        verify: async (results) => {
          const taken = results.map((result) => result.returned ?? result.threw);
          expect.equal(
            [...taken].sort(),
            [...jobs].sort(),
            `the jobs the two takeJob calls returned (${key} held ${jobs.join(', ')})`,
          );
        },
      });
    },
  },
  {
    name: 'a worker waiting for a job gets the one added meanwhile',
    async run({ race, sandboxClient, expect, random }) {
      const queue = random.word();
      const job = random.word();
      await race({
        calls: [
          ['waitForJob', sandboxClient, queue],
          ['addJob', sandboxClient, queue, job],
        ],
        verify: async ([waited]) => {
          expect.equal(waited.returned ?? waited.threw, job, 'waitForJob returned');
        },
      });
    },
  },
];

export default checks;
