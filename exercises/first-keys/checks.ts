import type Redis from 'ioredis';
import type { CheckList, Random } from '../../grader/checks/api.ts';

interface Exports {
  savePreferences(redis: Redis, userId: string, preferences: Record<string, string>): Promise<void>;
  readPreference(redis: Redis, userId: string, name: string): Promise<string | null>;
}

/** Preference names and values a shop might really keep. */
const CHOICES: Record<string, readonly string[]> = {
  theme: ['dark', 'light', 'sepia', 'contrast'],
  language: ['en', 'fr', 'de', 'es', 'pt', 'ja'],
  currency: ['eur', 'usd', 'gbp', 'jpy', 'chf'],
  units: ['metric', 'imperial'],
  timezone: ['utc', 'cet', 'est', 'pst', 'jst'],
  density: ['compact', 'cozy', 'roomy'],
};
const NAMES = Object.keys(CHOICES);

const keyOf = (userId: string, name: string) => `user:${userId}:pref:${name}`;

/** A user id as the shop's code passes it: digits, in a string. */
const userIdOf = (random: Random) => String(random.int(1, 99_999));

/** Two different user ids. */
function twoUserIds(random: Random): [string, string] {
  const first = userIdOf(random);
  let second = userIdOf(random);
  while (second === first) second = userIdOf(random);
  return [first, second];
}

/** `count` different preference names, in a random order. */
function names(random: Random, count: number): string[] {
  const left = [...NAMES];
  const chosen: string[] = [];
  while (chosen.length < count) chosen.push(...left.splice(random.int(0, left.length - 1), 1));
  return chosen;
}

function preferences(random: Random, chosen: readonly string[]): Record<string, string> {
  return Object.fromEntries(chosen.map((name) => [name, random.pick(CHOICES[name] ?? ['on'])]));
}

/** Every key in the (small) sandbox, for messages that say what Redis holds instead. */
async function keysHeld(redis: Redis): Promise<string> {
  const keys = (await redis.keys('*')).sort();
  return keys.length > 0 ? keys.join(', ') : 'no keys at all';
}

const checks: CheckList<Exports> = [
  {
    name: 'savePreferences stores each preference as a string under user:<id>:pref:<name>',
    async run({ call, sandboxClient, redis, expect, random }) {
      const userId = userIdOf(random);
      const saved = preferences(random, names(random, 3));
      await call('savePreferences', sandboxClient, userId, saved);
      for (const [name, value] of Object.entries(saved)) {
        const key = keyOf(userId, name);
        expect.equal(
          await redis.type(key),
          'string',
          `TYPE ${key} after savePreferences(redis, '${userId}', ${JSON.stringify(saved)}) (Redis holds: ${await keysHeld(redis)})`,
        );
        expect.equal(await redis.get(key), value, `GET ${key}`);
      }
    },
  },
  {
    name: 'savePreferences replaces a preference saved before',
    async run({ call, sandboxClient, redis, expect, random }) {
      const userId = userIdOf(random);
      const [name = 'theme'] = names(random, 1);
      const key = keyOf(userId, name);
      const choices = CHOICES[name] ?? [];
      const old = random.pick(choices);
      const value = random.pick(choices.filter((choice) => choice !== old));
      await redis.set(key, old);
      await call('savePreferences', sandboxClient, userId, { [name]: value });
      expect.equal(
        await redis.get(key),
        value,
        `GET ${key} (it held '${old}' before savePreferences was asked to save '${value}')`,
      );
    },
  },
  {
    name: 'readPreference returns the value Redis holds under user:<id>:pref:<name>',
    async run({ call, sandboxClient, redis, expect, random }) {
      const userId = userIdOf(random);
      // Values no code could guess, written by the checks rather than by savePreferences.
      for (const name of names(random, 2)) {
        const key = keyOf(userId, name);
        const held = `${random.word(4)}-${random.word(4)}`;
        await redis.set(key, held);
        const returned = await call('readPreference', sandboxClient, userId, name);
        expect.equal(
          returned,
          held,
          `readPreference(redis, '${userId}', '${name}'), compared with GET ${key}`,
        );
      }
    },
  },
  {
    name: 'readPreference returns null for a preference that was never saved',
    async run({ call, sandboxClient, redis, expect, random }) {
      const [userId, otherUserId] = twoUserIds(random);
      const [missing = 'theme', present = 'language'] = names(random, 2);
      // The user has another preference, and another user has this one: neither is the answer.
      await redis.set(keyOf(userId, present), random.pick(CHOICES[present] ?? ['on']));
      await redis.set(keyOf(otherUserId, missing), random.pick(CHOICES[missing] ?? ['on']));
      const returned = await call('readPreference', sandboxClient, userId, missing);
      expect.equal(
        returned,
        null,
        `readPreference(redis, '${userId}', '${missing}') when ${keyOf(userId, missing)} does not exist (Redis holds: ${await keysHeld(redis)})`,
      );
    },
  },
  {
    name: "two users' preferences are kept apart",
    async run({ call, sandboxClient, redis, expect, random }) {
      const [first, second] = twoUserIds(random);
      const chosen = names(random, 2);
      const firstPrefs = Object.fromEntries(chosen.map((name) => [name, random.word(6)]));
      const secondPrefs = Object.fromEntries(
        chosen.map((name) => {
          let value = random.word(6);
          while (value === firstPrefs[name]) value = random.word(6);
          return [name, value];
        }),
      );
      await call('savePreferences', sandboxClient, first, firstPrefs);
      await call('savePreferences', sandboxClient, second, secondPrefs);
      for (const [userId, saved] of [
        [first, firstPrefs],
        [second, secondPrefs],
      ] as const) {
        for (const [name, value] of Object.entries(saved)) {
          const returned = await call('readPreference', sandboxClient, userId, name);
          expect.equal(
            returned,
            value,
            `readPreference(redis, '${userId}', '${name}') after users ${first} and ${second} both saved '${name}' (Redis holds: ${await keysHeld(redis)})`,
          );
        }
      }
    },
  },
];

export default checks;
