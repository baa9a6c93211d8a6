import type Redis from 'ioredis';
import type { CheckList, Expect, LoggedCommand, Random } from '../../grader/checks/api.ts';

interface Profile {
  name: string;
  email: string;
  city: string;
}

interface Exports {
  saveProfile(redis: Redis, id: string, profile: Profile): Promise<void>;
  loadProfile(redis: Redis, id: string): Promise<Record<string, string> | null>;
  addPoints(redis: Redis, id: string, points: number): Promise<number>;
}

const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Barbara', 'Edsger', 'Frances', 'Ken', 'Radia'];
const LAST_NAMES = ['Lovelace', 'Hopper', 'Turing', 'Liskov', 'Dijkstra', 'Allen', 'Perlman'];
const CITIES = ['London', 'Lisbon', 'Nairobi', 'Osaka', 'Quito', 'Tallinn', 'Winnipeg', 'Perth'];

function userId(random: Random): string {
  return String(random.int(1, 99_999));
}

function profileOf(random: Random): Profile {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  return {
    name: `${first} ${last}`,
    email: `${first}.${last}${random.int(1, 999)}@example.com`.toLowerCase(),
    city: random.pick(CITIES),
  };
}

/** Every key in the sandbox with its type, e.g. `user:42:name (string)`: what Redis holds. */
async function keysHeld(redis: Redis): Promise<string> {
  const keys = (await redis.keys('*')).sort();
  if (keys.length === 0) return 'no keys at all';
  const types = await Promise.all(keys.map((key) => redis.type(key)));
  return keys.map((key, index) => `${key} (${types[index]})`).join(', ');
}

/** Fails with what Redis holds unless `key` is a hash: the likely mistake is there. */
async function expectHash(redis: Redis, key: string, expect: Expect): Promise<void> {
  const type = await redis.type(key);
  expect.ok(
    type === 'hash',
    `TYPE ${key}: expected hash, got ${type}${type === 'none' ? ' (no such key)' : ''}; ` +
      `Redis holds: ${await keysHeld(redis)}`,
  );
}

function listed(commands: readonly LoggedCommand[]): string {
  if (commands.length === 0) return 'no commands';
  // An object argument (hset(key, { … })) is logged as '[object Object]': show it as { … }.
  const shown = (arg: string) => (arg === '[object Object]' ? '{ … }' : arg);
  return commands.map((command) => [command.name, ...command.args.map(shown)].join(' ')).join(', ');
}

const checks: CheckList<Exports> = [
  {
    name: 'saveProfile stores the profile as a hash under user:<id>',
    async run({ call, sandboxClient, redis, expect, random }) {
      const id = userId(random);
      const profile = profileOf(random);
      await call('saveProfile', sandboxClient, id, profile);
      await expectHash(redis, `user:${id}`, expect);
      expect.equal(await redis.hgetall(`user:${id}`), profile, `HGETALL user:${id}`);
    },
  },
  {
    name: 'saveProfile writes the three fields with one HSET',
    async run({ call, sandboxClient, commands, expect, random }) {
      const id = userId(random);
      await call('saveProfile', sandboxClient, id, profileOf(random));
      const sent = commands();
      expect.ok(
        sent.length === 1 && (sent[0]?.name === 'hset' || sent[0]?.name === 'hmset'),
        `saveProfile must write name, email and city in a single HSET user:${id} command; ` +
          `it sent: ${listed(sent)}`,
      );
    },
  },
  {
    name: 'saveProfile updates an existing user and keeps its points',
    async run({ call, sandboxClient, redis, expect, random }) {
      const id = userId(random);
      const points = String(random.int(1, 5000));
      const old = profileOf(random);
      await redis.hset(`user:${id}`, { ...old, points });
      let updated = profileOf(random);
      while (updated.email === old.email) updated = profileOf(random);

      await call('saveProfile', sandboxClient, id, updated);
      await expectHash(redis, `user:${id}`, expect);
      expect.equal(
        await redis.hgetall(`user:${id}`),
        { ...updated, points },
        `HGETALL user:${id} (the user had ${points} points before saveProfile)`,
      );
    },
  },
  {
    name: 'loadProfile returns every field of user:<id>',
    async run({ call, sandboxClient, redis, expect, random }) {
      const id = userId(random);
      const stored = { ...profileOf(random), points: String(random.int(0, 5000)) };
      await redis.hset(`user:${id}`, stored);
      await redis.hset(`user:${id}0`, profileOf(random));

      const loaded = await call('loadProfile', sandboxClient, id);
      expect.equal(
        loaded,
        stored,
        `loadProfile('${id}'), compared with what HGETALL user:${id} holds`,
      );
    },
  },
  {
    name: 'loadProfile returns null for a user who does not exist',
    async run({ call, sandboxClient, redis, expect, random }) {
      const id = userId(random);
      await redis.hset(`user:${id}1`, profileOf(random));
      const missing = `${id}2`;

      const loaded = await call('loadProfile', sandboxClient, missing);
      expect.equal(
        loaded,
        null,
        `loadProfile('${missing}'), with no key user:${missing} in Redis ` +
          '(HGETALL answers {} for a key that does not exist)',
      );
    },
  },
  {
    name: 'addPoints adds to the field points and returns the new total',
    async run({ call, sandboxClient, redis, expect, random }) {
      const id = userId(random);
      const profile = profileOf(random);
      const before = random.int(1, 5000);
      const added = random.int(1, 500);
      await redis.hset(`user:${id}`, { ...profile, points: before });

      const total = await call('addPoints', sandboxClient, id, added);
      await expectHash(redis, `user:${id}`, expect);
      expect.equal(
        await redis.hgetall(`user:${id}`),
        { ...profile, points: String(before + added) },
        `HGETALL user:${id} (it had ${before} points, and ${added} were added)`,
      );
      expect.equal(total, before + added, `the number addPoints('${id}', ${added}) returned`);

      const newcomer = `${id}3`;
      await redis.hset(`user:${newcomer}`, profileOf(random));
      const first = await call('addPoints', sandboxClient, newcomer, added);
      expect.equal(
        await redis.hget(`user:${newcomer}`, 'points'),
        String(added),
        `HGET user:${newcomer} points (the user had no points field before)`,
      );
      expect.equal(first, added, `the number addPoints('${newcomer}', ${added}) returned`);
    },
  },
  {
    name: 'addPoints adds with HINCRBY, so that no points are lost',
    async run({ call, sandboxClient, redis, commands, expect, random }) {
      const id = userId(random);
      await redis.hset(`user:${id}`, { ...profileOf(random), points: random.int(1, 5000) });
      await call('addPoints', sandboxClient, id, random.int(1, 500));
      const sent = commands();
      expect.ok(
        sent.length === 1 && sent[0]?.name === 'hincrby',
        `addPoints must add in Redis with one HINCRBY user:${id} points …, so that two servers ` +
          `adding at once cannot overwrite each other; it sent: ${listed(sent)}`,
      );
    },
  },
];

export default checks;
