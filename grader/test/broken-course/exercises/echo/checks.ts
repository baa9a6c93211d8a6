import type Redis from 'ioredis';
import type { CheckList } from '../../../../checks/api.ts';

interface Exports {
  echo(redis: Redis, value: string): Promise<string | null>;
}

// Two checks, where verify wants three.
const checks: CheckList<Exports> = [
  {
    name: 'echo holds the value',
    async run({ call, sandboxClient, redis, random, expect }) {
      const value = random.word();
      await call('echo', sandboxClient, value);
      expect.equal(await redis.get('echo'), value, 'GET echo');
    },
  },
  {
    name: 'echo returns the value',
    async run({ call, sandboxClient, random, expect }) {
      const value = random.word();
      expect.equal(await call('echo', sandboxClient, value), value, 'what echo returned');
    },
  },
];

export default checks;
