import type Redis from 'ioredis';
import type { CheckList } from '../../../../../checks/api.ts';

interface Exports {
  readThenWrite(redis: Redis, key: string): Promise<void>;
  waitForLock(redis: Redis, lock: string): Promise<number>;
  popWithin(redis: Redis, queue: string): Promise<string | null>;
  pushLater(redis: Redis, queue: string, item: string): Promise<void>;
  keepAlive(redis: Redis, lock: string): Promise<number>;
  popForever(redis: Redis, queue: string): Promise<string | null>;
  pushMuchLater(redis: Redis, queue: string, item: string): Promise<void>;
  readWithDeadline(redis: Redis, key: string): Promise<string | null>;
}

/** A step's command, or `timer` for a timer that fired. */
const named = (commands: readonly { name: string }[]) => commands[0]?.name ?? 'timer';

const checks: CheckList<Exports> = [
  {
    name: 'a timer fires only once its code has sent what it sends without waiting',
    async run({ race, sandboxClient, expect, random }) {
      const key = random.word();
      await race({
        calls: [['readThenWrite', sandboxClient, key]],
        verify: async (_results, steps) => {
          expect.equal(
            steps.map((step) => `${named(step.commands)}${step.timerMs ?? ''}`),
            ['get', 'set', 'timer1'],
            'the steps of readThenWrite, whose SET follows its GET at once, and its 1 ms timer',
          );
        },
      });
    },
  },
  {
    name: 'virtual time never passes a key’s expiry',
    async run({ race, sandboxClient, redis, expect, random }) {
      const lock = random.word();
      await race({
        calls: [['waitForLock', sandboxClient, lock]],
        setup: async () => {
          await redis.set(lock, 'held', 'PX', 120);
        },
        verify: async ([result]) => {
          const found = result?.returned;
          expect.ok(
            typeof found === 'number' && found >= 0 && found <= 3,
            `${lock} expired 120 ms after it was set, and waitForLock looked every 50 ms: it must find it gone by its fourth look; it returned ${JSON.stringify(found)}${result?.threw ? `, threw ${result.threw}` : ''}`,
          );
        },
      });
    },
  },
  {
    name: 'a timer that would pass a blocked command’s timeout waits for it in real time',
    async run({ race, sandboxClient, redis, expect, random }) {
      const queue = random.word();
      const item = random.word();
      let blockedFirst = 0;
      await race({
        calls: [
          ['popWithin', sandboxClient, queue],
          ['pushLater', sandboxClient, queue, item],
        ],
        verify: async ([popped], steps) => {
          const names = steps.map((step) => named(step.commands));
          const blocked = names.indexOf('blpop') < names.indexOf('timer');
          if (blocked) blockedFirst += 1;
          const left = await redis.lrange(queue, 0, -1);
          expect.equal(
            { popped: popped?.returned, left },
            blocked ? { popped: null, left: [item] } : { popped: item, left: [] },
            `popWithin waits 0.1 s, and pushLater pushes after 300 ms; steps ${names.join(', ')}`,
          );
        },
      });
      expect.ok(blockedFirst > 0, 'no interleaving blocked the BLPOP before the timer fired');
    },
  },
  {
    name: 'a key renewed by a timer is not taken for one set before the timers that came earlier',
    async run({ race, sandboxClient, expect, random }) {
      const lock = random.word();
      await race({
        calls: [['keepAlive', sandboxClient, lock]],
        verify: async ([result]) => {
          expect.equal(
            result?.returned ?? result?.threw,
            10,
            `keepAlive renews ${lock} (PX 200) every 100 ms: every renewal finds it`,
          );
        },
      });
    },
  },
  {
    name: 'a command blocked with no timeout does not hold back a timer',
    async run({ race, sandboxClient, expect, random }) {
      const queue = random.word();
      const item = random.word();
      await race({
        calls: [
          ['popForever', sandboxClient, queue],
          ['pushMuchLater', sandboxClient, queue, item],
        ],
        verify: async ([popped]) => {
          expect.equal(popped?.returned ?? popped?.threw, item, 'popForever returned');
        },
      });
    },
  },
  {
    name: 'a cleared timer is no step',
    async run({ race, sandboxClient, expect, random }) {
      const key = random.word();
      await race({
        calls: [['readWithDeadline', sandboxClient, key]],
        verify: async (_results, steps) => {
          expect.equal(
            steps.map((step) => `${named(step.commands)}${step.timerMs ?? ''}`),
            ['get', 'timer50'],
            'the steps of readWithDeadline, whose 5 ms deadline was cleared once GET answered',
          );
        },
      });
    },
  },
];

export default checks;
