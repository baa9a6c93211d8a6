import type Redis from 'ioredis';
import type { CheckContext, CheckList, ExecutedCommand, Random } from '../../grader/checks/api.ts';

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

/** Commands that search the keyspace instead of naming a key. */
const SEARCHES = new Set(['keys', 'scan', 'randomkey']);

function listed(commands: readonly ExecutedCommand[]): string {
  if (commands.length === 0) return 'no commands';
  const shown = commands.slice(0, 12).map((command) => {
    const text = [command.name.toUpperCase(), ...command.args].join(' ');
    return command.script ? `${text} (in a script)` : text;
  });
  return commands.length > 12 ? `${shown.join(', ')}, …` : shown.join(', ');
}

/**
 * Seeds what a shop's Redis holds beside one user's preferences: the same user's other
 * preferences and details, and other users (ids shaped like this one) with the same preferences.
 * None of it is savePreferences's to change.
 */
async function seedNeighbours(
  { redis, random, decoys }: CheckContext<Exports>,
  userId: string,
  kept: readonly string[],
): Promise<void> {
  for (const name of kept)
    await redis.set(keyOf(userId, name), random.pick(CHOICES[name] ?? ['on']));
  await redis.set(`user:${userId}:name`, random.word(7));
  await decoys(userId, 2, async (otherId) => {
    for (const name of NAMES) {
      await redis.set(keyOf(otherId, name), random.pick(CHOICES[name] ?? ['on']));
    }
  });
}

/** Every key in the (small) sandbox, for messages that say what Redis holds instead. */
async function keysHeld(redis: Redis): Promise<string> {
  const keys = (await redis.keys('*')).sort();
  if (keys.length === 0) return 'no keys at all';
  return keys.length > 12
    ? `${keys.slice(0, 12).join(', ')} and ${keys.length - 12} more`
    : keys.join(', ');
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
    name: 'savePreferences stores nothing else and leaves every other key as it was',
    async run(ctx) {
      const { call, sandboxClient, snapshot, diff, expect, random } = ctx;
      const userId = userIdOf(random);
      const chosen = names(random, 4);
      const saved = preferences(random, chosen.slice(0, 2));
      await seedNeighbours(ctx, userId, chosen.slice(2));
      const before = await snapshot();
      await call('savePreferences', sandboxClient, userId, saved);
      const changes = diff(before, await snapshot());
      const allowed = Object.keys(saved).map((name) => keyOf(userId, name));
      const outside = changes.outside(allowed);
      expect.ok(
        outside.length === 0,
        `savePreferences(redis, '${userId}', ${JSON.stringify(saved)}) may write only ${allowed.join(' and ')}, but it also ${changes.describe(outside)}. Store one key per preference and nothing else: the user's other preferences, their other keys and other users' keys stay as they were.`,
      );
    },
  },
  {
    name: 'savePreferences with no preferences stores nothing and does not fail',
    async run(ctx) {
      const { race, sandboxClient, snapshot, diff, expect, random } = ctx;
      const userId = userIdOf(random);
      let before = await snapshot();
      // In a race of one call, a throw reaches verify as `threw`, to be explained.
      await race({
        calls: [['savePreferences', sandboxClient, userId, {}]],
        labels: [`savePreferences(redis, '${userId}', {})`],
        setup: async () => {
          await seedNeighbours(ctx, userId, names(random, 2));
          before = await snapshot();
        },
        verify: async ([outcome]) => {
          expect.ok(
            outcome.threw === undefined,
            `savePreferences(redis, '${userId}', {}) threw "${outcome.threw}". An empty preferences object is allowed and means there is nothing to save: resolve without writing (MSET, for one, refuses to be sent with no keys).`,
          );
          const changes = diff(before, await snapshot());
          expect.ok(
            changes.changes.length === 0,
            `savePreferences(redis, '${userId}', {}) had nothing to save, but it ${changes.describe(changes.changes)}.`,
          );
        },
      });
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
    async run(ctx) {
      const { call, sandboxClient, redis, expect, random } = ctx;
      const userId = userIdOf(random);
      const [missing = 'theme', ...others] = names(random, 3);
      // The user has other preferences, and other users have this one: none is the answer.
      await seedNeighbours(ctx, userId, others);
      const returned = await call('readPreference', sandboxClient, userId, missing);
      expect.equal(
        returned,
        null,
        `readPreference(redis, '${userId}', '${missing}') when ${keyOf(userId, missing)} does not exist (Redis holds: ${await keysHeld(redis)})`,
      );
    },
  },
  {
    name: 'readPreference answers from Redis, not from a copy of what was saved',
    async run({ call, sandboxClient, redis, expect, random }) {
      const userId = userIdOf(random);
      const [name = 'theme'] = names(random, 1);
      const key = keyOf(userId, name);
      const choices = CHOICES[name] ?? [];
      const saved = random.pick(choices);
      await call('savePreferences', sandboxClient, userId, { [name]: saved });
      // Another program changes the preference, then removes it, behind the module's back.
      const changed = `${random.word(4)}-${random.word(4)}`;
      await redis.set(key, changed);
      expect.equal(
        await call('readPreference', sandboxClient, userId, name),
        changed,
        `readPreference(redis, '${userId}', '${name}') after savePreferences saved '${saved}' and another client then SET ${key} to '${changed}'`,
      );
      await redis.del(key);
      expect.equal(
        await call('readPreference', sandboxClient, userId, name),
        null,
        `readPreference(redis, '${userId}', '${name}') after another client deleted ${key} (Redis holds: ${await keysHeld(redis)})`,
      );
    },
  },
  {
    name: 'readPreference reads its one key by name, without searching for keys',
    logExecuted: true,
    async run(ctx) {
      const { call, sandboxClient, redis, executed, expect, random } = ctx;
      const userId = userIdOf(random);
      const [name = 'theme', ...others] = names(random, 3);
      await seedNeighbours(ctx, userId, others);
      await redis.set(keyOf(userId, name), random.pick(CHOICES[name] ?? ['on']));
      await call('readPreference', sandboxClient, userId, name);
      const ran = await executed();
      const searches = ran.filter((command) => SEARCHES.has(command.name));
      expect.ok(
        searches.length === 0,
        `readPreference(redis, '${userId}', '${name}') looked keys up with ${listed(searches)}; Redis ran: ${listed(ran)}. The key's name is built from the arguments: GET ${keyOf(userId, name)} reads it at once, while KEYS and SCAN walk through every key in the database.`,
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
