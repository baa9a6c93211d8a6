import type Redis from 'ioredis';
import type { CheckList } from '../../../../checks/api.ts';

interface Exports {
  main(redis: Redis): Promise<string | null>;
}

/** Every key in the (small) sandbox, for messages that say what Redis holds instead. */
async function keysHeld(redis: Redis): Promise<string> {
  const keys = (await redis.keys('*')).sort();
  return keys.length > 0 ? keys.join(', ') : 'no keys at all';
}

const checks: CheckList<Exports> = [
  {
    name: 'the key weather exists and holds a string',
    async run({ call, sandboxClient, redis, expect }) {
      await call('main', sandboxClient);
      expect.equal(
        await redis.exists('weather'),
        1,
        `EXISTS weather (1 means the key is there; Redis holds: ${await keysHeld(redis)})`,
      );
      expect.equal(await redis.type('weather'), 'string', 'TYPE weather');
    },
  },
  {
    name: 'weather holds the value sunny',
    async run({ call, sandboxClient, redis, expect }) {
      await call('main', sandboxClient);
      expect.equal(await redis.get('weather'), 'sunny', 'GET weather');
    },
  },
  {
    name: 'main returns the value Redis holds under weather',
    async run({ call, sandboxClient, redis, expect }) {
      const returned = await call('main', sandboxClient);
      const held = await redis.get('weather');
      expect.ok(held !== null, 'Redis holds nothing under weather after main ran: store it first');
      expect.equal(returned, held, 'the value main returned, compared with GET weather');
    },
  },
  {
    name: 'main reads the value back with GET',
    async run({ call, sandboxClient, commands, expect }) {
      await call('main', sandboxClient);
      const sent = commands().map((command) => command.name);
      expect.ok(
        sent.includes('get'),
        `main must read the key back from Redis, but it sent only: ${sent.join(', ') || 'no commands'}`,
      );
    },
  },
];

export default checks;
