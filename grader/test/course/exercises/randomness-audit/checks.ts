import type { CheckList } from '../../../../checks/api.ts';
import type * as Solution from './solution.ts';

type Exports = typeof Solution;

const checks: CheckList<Exports> = [
  {
    name: 'the session token comes from a cryptographic source',
    async run({ call, sandboxClient, redis, cameFromRandomness, expect }) {
      const token = await call('createSession', sandboxClient, 7);
      expect.equal(await redis.get(`session:${token}`), '7', 'the stored user id');
      expect.ok(
        cameFromRandomness(token),
        `the token "${token}" holds no value drawn from node:crypto: make it with randomUUID()`,
      );
    },
  },
  {
    name: 'each check sees only its own draws',
    async run({ call, sandboxClient, randomness, expect }) {
      expect.equal(randomness(), [], 'the draws before the call');
      await call('createSession', sandboxClient, 8);
      expect.equal(randomness().length, 1, 'how many values the call drew');
    },
  },
];

export default checks;
