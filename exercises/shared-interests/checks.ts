import type Redis from 'ioredis';
import type {
  CheckContext,
  CheckList,
  ExecutedCommand,
  RaceOutcome,
  Random,
  SnapshotDiff,
} from '../../grader/checks/api.ts';

interface Exports {
  follow(redis: Redis, user: string, ...topics: string[]): Promise<number>;
  unfollow(redis: Redis, user: string, topic: string): Promise<boolean>;
  hasInterest(redis: Redis, user: string, topic: string): Promise<boolean>;
  common(redis: Redis, a: string, b: string): Promise<string[]>;
  suggest(redis: Redis, user: string, friend: string): Promise<string[]>;
  countCommon(redis: Redis, a: string, b: string, atMost: number): Promise<number>;
}

type Context = CheckContext<Exports>;

const interests = (user: string) => `interests:${user}`;

/** Hands out words no other call of the same check has given: topics and user names. */
function wordsFrom(random: Random) {
  const taken = new Set<string>();
  return (count: number): string[] => {
    const found: string[] = [];
    while (found.length < count) {
      const word = random.word(random.int(3, 9));
      if (taken.has(word)) continue;
      taken.add(word);
      found.push(word);
    }
    return found;
  };
}

/** A copy of `items` in random order, so that the order of seeding gives nothing away. */
function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}

/** JavaScript's sort() order, on a copy: what the statement asks for. */
const sorted = (items: readonly string[]) => [...items].sort();

const listOf = (items: readonly string[]) => (items.length ? items.join(', ') : 'nothing');

/** The user's set, as Redis holds it, sorted: for comparisons and for messages. */
async function held(redis: Redis, user: string): Promise<string[]> {
  return sorted(await redis.smembers(interests(user)));
}

async function seedUser(redis: Redis, random: Random, user: string, topics: readonly string[]) {
  if (topics.length > 0) await redis.sadd(interests(user), ...shuffled(random, topics));
}

/**
 * Other users beside the check's own, who follow some of the same topics and some of their
 * own: code that searches with KEYS or SCAN, or writes to every set, meets them.
 */
async function otherUsers(
  { decoys, redis, random }: Context,
  like: string,
  sharedWith: readonly string[],
  ownTopics: () => string[],
  always: readonly string[] = [],
): Promise<string[]> {
  return decoys(like, random.int(2, 3), async (id) => {
    const some = shuffled(random, sharedWith).slice(0, random.int(1, sharedWith.length));
    await redis.sadd(interests(id), ...always, ...some, ...ownTopics());
  });
}

/** A key as a failure message shows it: its type and what it holds. */
async function describeKey(redis: Redis, key: string): Promise<string> {
  const type = await redis.type(key);
  if (type === 'none') return `there is no key ${key}`;
  if (type === 'set') return `${key} is a set holding ${listOf(sorted(await redis.smembers(key)))}`;
  if (type === 'string')
    return `${key} is a string holding ${JSON.stringify(await redis.get(key))}`;
  if (type === 'list') return `${key} is a list holding ${listOf(await redis.lrange(key, 0, -1))}`;
  if (type === 'hash')
    return `${key} is a hash holding ${JSON.stringify(await redis.hgetall(key))}`;
  return `${key} is a ${type}`;
}

/** Fails, naming every change, when the diff touched a key other than those allowed. */
function onlyTouched(
  expect: Context['expect'],
  diff: SnapshotDiff,
  allowed: readonly string[],
  what: string,
) {
  const outside = diff.outside(allowed);
  expect.ok(
    outside.length === 0,
    `${what} may change ${allowed.length ? `only ${allowed.join(' and ')}` : 'no key'}, but it ${diff.describe(outside)}`,
  );
}

/** Commands whose reply holds members of a set (or of what a set was copied into). */
const MEMBER_READS = new Set([
  'smembers',
  'sscan',
  'srandmember',
  'sinter',
  'sunion',
  'sdiff',
  'sort',
  'sort_ro',
  'zinter',
  'zunion',
  'zdiff',
]);

/**
 * Commands that copy members into a key, with the read that answers what they copied. The copy is
 * read back and deleted before the call returns, so the grader cannot ask the copy itself: the
 * members copied count as read.
 */
const COPIES: Record<string, string> = {
  sinterstore: 'sinter',
  sunionstore: 'sunion',
  sdiffstore: 'sdiff',
  zinterstore: 'zinter',
  zunionstore: 'zunion',
  zdiffstore: 'zdiff',
  zrangestore: 'zrange',
};

const flatten = (reply: unknown): unknown[] =>
  Array.isArray(reply) ? reply.flatMap(flatten) : [reply];

const shown = (command: ExecutedCommand) =>
  `${[command.name.toUpperCase(), ...command.args].join(' ')}${command.script ? ' (in a script)' : ''}`;

interface TopicsRead {
  /** How many of the topics the reads answered with, or copied to read back. */
  count: number;
  /** Each read, with how many topics it answered with. */
  reads: string[];
  /** SISMEMBER and SMISMEMBER sent by the learner's code, each a round trip. */
  oneByOne: number;
  /** SISMEMBER and SMISMEMBER run by scripts. */
  inScripts: number;
}

/**
 * The read that answers with the members `command` sent back or copied, as the grader can ask it
 * again now, or undefined for a command that reads no members. DUMP sends the whole key, in a form
 * no topic can be picked out of: it counts as SMEMBERS of that key.
 */
function readAgain(command: ExecutedCommand): { read: string[]; copied: boolean } | undefined {
  const { name, args } = command;
  const store = args.findIndex((arg) => arg.toLowerCase() === 'store');
  if (name === 'sort' && store >= 0) {
    return {
      read: ['sort', ...args.filter((_, i) => i !== store && i !== store + 1)],
      copied: true,
    };
  }
  const plain = COPIES[name];
  if (plain !== undefined) return { read: [plain, ...args.slice(1)], copied: true };
  if (name === 'copy' && args[0] !== undefined)
    return { read: ['smembers', args[0]], copied: true };
  if (name === 'dump' && args[0] !== undefined)
    return { read: ['smembers', args[0]], copied: false };
  if (MEMBER_READS.has(name)) return { read: [name, ...args], copied: false };
  return undefined;
}

/**
 * How many topics the learner's reads brought back: each read that answers with members is asked
 * again by the grader (the sets have not changed since) and the topics of `universe` in its reply
 * counted. Reads made inside a Lua script count too, and so do members copied into another key.
 */
async function topicsRead(
  redis: Redis,
  executed: readonly ExecutedCommand[],
  universe: ReadonlySet<string>,
): Promise<TopicsRead> {
  let count = 0;
  const reads: string[] = [];
  for (const command of executed) {
    const again = readAgain(command);
    if (again === undefined) continue;
    const [name = '', ...args] = again.read;
    // A copy whose sources are gone, or of a key that is not a set, copied no topic.
    const reply = await redis.call(name, ...args).catch(() => []);
    const topics = flatten(reply).filter(
      (item) => typeof item === 'string' && universe.has(item),
    ).length;
    count += topics;
    reads.push(
      `${shown(command)}: ${topics} topics${again.copied ? ' copied into another key' : ''}`,
    );
  }
  const tests = executed.filter(({ name }) => name === 'sismember' || name === 'smismember');
  const oneByOne = tests.filter(({ script }) => script === undefined).length;
  return { count, reads, oneByOne, inScripts: tests.length - oneByOne };
}

/** What a read function sent, for a message that says why reading the sets is the wrong way. */
function overReadMessage(
  what: string,
  found: TopicsRead,
  returned: number,
  instead: string,
): string {
  const loop =
    found.oneByOne > 1
      ? ` It also tested topics one by one: ${found.oneByOne} commands, a round trip each.`
      : found.inScripts > 1
        ? ` Its script also tested topics one by one, ${found.inScripts} times.`
        : '';
  return (
    `${what} read or copied ${found.count} topics of the sets to return ${returned}: ` +
    `${found.reads.join('; ')}.${loop} Let Redis combine the two sets next to the data, ` +
    `in one round trip, and send only the answer: ${instead}`
  );
}

const outcome = (result: RaceOutcome<number>) =>
  result.threw === undefined ? String(result.returned) : `threw "${result.threw}"`;

const checks: CheckList<Exports> = [
  {
    name: 'follow keeps the topics in the set interests:<user> and returns how many it added',
    async run({ call, sandboxClient, redis, expect, random }) {
      const words = wordsFrom(random);
      const [user = ''] = words(1);
      const key = interests(user);
      const topics = words(random.int(3, 6));

      const added = await call('follow', sandboxClient, user, ...topics);
      const type = await redis.type(key);
      expect.ok(
        type === 'set',
        type === 'none'
          ? `follow('${user}', ${topics.map((t) => `'${t}'`).join(', ')}) left no key ${key}; ` +
              `Redis holds ${listOf(sorted(await redis.keys('*')))}`
          : `TYPE ${key}: expected set, got ${type} (${await describeKey(redis, key)}). Keep the ` +
              'topics in a set (SADD), which holds each one once and which Redis can combine with other sets',
      );
      expect.equal(await held(redis, user), sorted(topics), `SMEMBERS ${key}, sorted`);
      expect.equal(
        added,
        topics.length,
        `follow('${user}', ${topics.length} topics) for a user who followed nothing returned`,
      );
    },
  },
  {
    name: 'follow counts only the topics that are new, each once',
    async run({ call, sandboxClient, redis, expect, random }) {
      const words = wordsFrom(random);
      const [user = ''] = words(1);
      const key = interests(user);
      const old = words(random.int(3, 5));
      const fresh = words(random.int(2, 4));
      await seedUser(redis, random, user, old);
      // Some topics the user follows already, the new ones, and one new topic named twice.
      const again = old.slice(0, random.int(1, old.length));
      const asked = shuffled(random, [...again, ...fresh, random.pick(fresh)]);

      const added = await call('follow', sandboxClient, user, ...asked);
      expect.equal(
        added,
        fresh.length,
        `follow('${user}', ${asked.map((t) => `'${t}'`).join(', ')}) when ${key} held ` +
          `${listOf(sorted(old))} (${fresh.length} of the topics are new, one of them named twice) returned`,
      );
      expect.equal(
        await held(redis, user),
        sorted([...old, ...fresh]),
        `SMEMBERS ${key}, sorted, after that follow`,
      );
      // Another server drops a topic this follow added: following it again adds it again.
      const gone = random.pick(fresh);
      await redis.srem(key, gone);
      const repeat = shuffled(random, [...old.slice(0, random.int(1, old.length)), gone]);
      expect.equal(
        await call('follow', sandboxClient, user, ...repeat),
        1,
        `follow('${user}', ${repeat.map((t) => `'${t}'`).join(', ')}) after SREM ${key} ${gone}, ` +
          `all followed already but ${gone}, returned (read Redis on every call: SADD answers ` +
          'how many it added)',
      );
      expect.equal(
        await held(redis, user),
        sorted([...old, ...fresh]),
        `SMEMBERS ${key}, sorted, after following ${gone} again`,
      );
    },
  },
  {
    name: 'follow and unfollow change only interests:<user>',
    async run(context) {
      const { call, sandboxClient, redis, expect, random, snapshot, diff } = context;
      const words = wordsFrom(random);
      const [user = '', newcomer = '', leaver = ''] = words(3);
      const key = interests(user);
      const mine = words(random.int(3, 5));
      const fresh = words(random.int(2, 4));
      const dropped = random.pick(mine);
      const [first = '', last = ''] = words(2);
      await seedUser(redis, random, user, mine);
      await seedUser(redis, random, leaver, [last]);
      // The others follow some of the user's topics, the one the user drops, and some the user
      // is about to follow.
      await otherUsers(context, user, [...mine, ...fresh], () => words(random.int(1, 3)), [
        dropped,
      ]);
      const before = await snapshot();

      // A set that grows, one that follow creates, and one whose last topic goes.
      await call('follow', sandboxClient, user, ...fresh);
      await call('unfollow', sandboxClient, user, dropped);
      await call('follow', sandboxClient, newcomer, first);
      await call('unfollow', sandboxClient, leaver, last);
      onlyTouched(
        expect,
        diff(before, await snapshot()),
        [key, interests(newcomer), interests(leaver)],
        `follow('${user}', ${fresh.map((t) => `'${t}'`).join(', ')}), unfollow('${user}', '${dropped}'), ` +
          `follow('${newcomer}', '${first}') (who followed nothing) and unfollow('${leaver}', '${last}') ` +
          '(their last topic)',
      );
      expect.equal(
        await held(redis, user),
        sorted([...mine, ...fresh].filter((topic) => topic !== dropped)),
        `SMEMBERS ${key}, sorted`,
      );
      for (const [who, what] of [
        [user, 'a set follow added to'],
        [newcomer, 'a set follow created'],
      ] as const) {
        const ttl = await redis.pttl(interests(who));
        expect.ok(
          ttl === -1,
          `interests never expire, but ${interests(who)} (${what}) has a TTL of ${ttl} ms: ` +
            'set no expiry on it',
        );
      }
    },
  },
  {
    name: 'two follows at the same time count each new topic once',
    async run({ race, sandboxClient, redis, expect, random }) {
      const words = wordsFrom(random);
      const [user = ''] = words(1);
      const key = interests(user);
      const [both1 = '', both2 = '', own1 = '', own2 = ''] = words(4);
      const first = shuffled(random, [both1, both2, own1]);
      const second = shuffled(random, [both2, own2, both1]);
      const everything = sorted([both1, both2, own1, own2]);
      const label = (topics: string[]) =>
        `follow('${user}', ${topics.map((topic) => `'${topic}'`).join(', ')})`;

      await race({
        calls: [
          ['follow', sandboxClient, user, ...first],
          ['follow', sandboxClient, user, ...second],
        ],
        labels: [label(first), label(second)],
        // A user who follows nothing yet, on two devices: "no key, so every topic is new" is
        // true for one of the two follows only.
        verify: async ([one, two]) => {
          const members = await held(redis, user);
          const threw = [one, two].find((result) => result.threw !== undefined);
          expect.ok(
            threw === undefined,
            `two follows for ${user} at the same time must both work; one threw "${threw?.threw}"`,
          );
          const counts = [one.returned, two.returned];
          expect.ok(
            counts.every((count) => typeof count === 'number' && count >= 1 && count <= 3) &&
              (one.returned ?? 0) + (two.returned ?? 0) === 4 &&
              members.join(',') === everything.join(','),
            `${user} followed nothing (no key ${key}); together the two follows add 4 new topics ` +
              `(${both1} and ${both2}, which both name, ${own1} and ${own2}), so their counts must add ` +
              `up to 4, each topic counted by the follow that added it. They returned ` +
              `${outcome(one)} and ${outcome(two)}, and ${key} holds ${listOf(members)}. ` +
              'Counting apart from the write (SCARD before and after, SISMEMBER or EXISTS first) lets ' +
              "the other follow's topics slip in between: take the count from the write itself",
          );
        },
      });
    },
  },
  {
    name: 'unfollow removes the topic and says whether the user followed it',
    async run({ call, sandboxClient, redis, expect, random }) {
      const words = wordsFrom(random);
      const [user = ''] = words(1);
      const key = interests(user);
      const mine = words(random.int(3, 6));
      await seedUser(redis, random, user, mine);
      const dropped = random.pick(mine);

      expect.equal(
        await call('unfollow', sandboxClient, user, dropped),
        true,
        `unfollow('${user}', '${dropped}') when ${key} held ${listOf(sorted(mine))} returned`,
      );
      const left = sorted(mine.filter((topic) => topic !== dropped));
      expect.equal(await held(redis, user), left, `SMEMBERS ${key}, sorted, after that unfollow`);
      expect.equal(
        await call('unfollow', sandboxClient, user, dropped),
        false,
        `unfollow('${user}', '${dropped}') a second time returned`,
      );
      // Back in the set, put there by someone else: the next unfollow must see it.
      await redis.sadd(key, dropped);
      expect.equal(
        await call('unfollow', sandboxClient, user, dropped),
        true,
        `unfollow('${user}', '${dropped}') after SADD ${key} ${dropped} returned`,
      );
      // The last topics go: Redis deletes a set when its last member is removed.
      for (const topic of left) await call('unfollow', sandboxClient, user, topic);
      expect.ok(
        (await redis.exists(key)) === 0,
        `after unfollow of every topic there must be no key ${key} (Redis deletes a set when ` +
          `its last member goes), but ${await describeKey(redis, key)}`,
      );
    },
  },
  {
    name: 'unfollow of a topic or a user that is not there returns false and changes nothing',
    async run(context) {
      const { call, sandboxClient, redis, expect, random, snapshot, diff } = context;
      const words = wordsFrom(random);
      const [user = ''] = words(1);
      const key = interests(user);
      const mine = words(random.int(3, 5));
      await seedUser(redis, random, user, mine);
      const stranger = words(1)[0] as string;
      // Others follow the topic the user does not: removing it everywhere would show.
      await otherUsers(context, user, mine, () => words(random.int(1, 2)), [stranger]);
      const nobody = random.id(user);
      const before = await snapshot();

      expect.equal(
        await call('unfollow', sandboxClient, user, stranger),
        false,
        `unfollow('${user}', '${stranger}') when ${key} held ${listOf(sorted(mine))} returned`,
      );
      const topic = random.pick(mine);
      expect.equal(
        await call('unfollow', sandboxClient, nobody, topic),
        false,
        `unfollow('${nobody}', '${topic}') when there is no key ${interests(nobody)} returned`,
      );
      onlyTouched(
        expect,
        diff(before, await snapshot()),
        [],
        `unfollow('${user}', '${stranger}') and unfollow('${nobody}', '${topic}')`,
      );
    },
  },
  {
    name: 'unfollow at the same time as another unfollow or a follow: each change counted once, none lost',
    async run({ race, sandboxClient, redis, expect, random }) {
      const words = wordsFrom(random);
      const [user = ''] = words(1);
      const key = interests(user);
      const [topic = '', kept = '', fresh = ''] = words(3);
      const results = (one: RaceOutcome<unknown>, two: RaceOutcome<unknown>) =>
        [one, two]
          .map((result) =>
            result.threw === undefined ? String(result.returned) : `threw "${result.threw}"`,
          )
          .join(' and ');

      // A double click: one unfollow removed the topic, so only that one may say so.
      const drop = `unfollow('${user}', '${topic}')`;
      await race({
        calls: [
          ['unfollow', sandboxClient, user, topic],
          ['unfollow', sandboxClient, user, topic],
        ],
        labels: [drop, drop],
        setup: async () => {
          await redis.sadd(key, topic, kept);
        },
        verify: async ([one, two]) => {
          const members = await held(redis, user);
          expect.ok(
            [one.returned, two.returned].filter((removed) => removed === true).length === 1 &&
              [one.returned, two.returned].includes(false) &&
              members.join(',') === kept,
            `${key} held ${listOf(sorted([topic, kept]))}; two ${drop} at the same time returned ` +
              `${results(one, two)}, and ${key} holds ${listOf(members)}. Only the unfollow that ` +
              'removed the topic returns true: take the answer from SREM itself, not from a ' +
              'SISMEMBER sent before it',
          );
        },
      });

      // The user's last topic goes while a follow adds another: the follow's topic stays.
      const add = `follow('${user}', '${fresh}')`;
      await race({
        calls: [
          ['unfollow', sandboxClient, user, topic],
          ['follow', sandboxClient, user, fresh],
        ],
        labels: [drop, add],
        setup: async () => {
          await redis.sadd(key, topic);
        },
        verify: async ([one, two]) => {
          const members = await held(redis, user);
          expect.ok(
            one.returned === true && two.returned === 1 && members.join(',') === fresh,
            `${key} held only ${topic}; ${drop} and ${add} at the same time returned ` +
              `${results(one, two)}, and ${key} holds ${listOf(members)}, where ${fresh} must ` +
              'remain. Redis deletes a set when its last member goes: a DEL after SREM (or a ' +
              "SCARD first) can delete the other call's topic",
          );
        },
      });
    },
  },
  {
    name: 'hasInterest answers true or false from interests:<user>',
    async run(context) {
      const { call, sandboxClient, redis, expect, random, snapshot, diff } = context;
      const words = wordsFrom(random);
      const [user = ''] = words(1);
      const key = interests(user);
      const mine = words(random.int(4, 8));
      await seedUser(redis, random, user, mine);
      const topic = random.pick(mine);
      const elsewhere = words(1)[0] as string;
      await otherUsers(context, user, [topic], () => words(random.int(1, 3)), [elsewhere]);
      const nobody = random.id(user);
      const before = await snapshot();

      expect.equal(
        await call('hasInterest', sandboxClient, user, topic),
        true,
        `hasInterest('${user}', '${topic}') when ${key} holds ${listOf(sorted(mine))} returned ` +
          '(a boolean: SISMEMBER answers 1 or 0, which you turn into true or false)',
      );
      expect.equal(
        await call('hasInterest', sandboxClient, user, elsewhere),
        false,
        `hasInterest('${user}', '${elsewhere}') when ${key} holds ${listOf(sorted(mine))} ` +
          '(other users follow it) returned',
      );
      expect.equal(
        await call('hasInterest', sandboxClient, nobody, topic),
        false,
        `hasInterest('${nobody}', '${topic}') when there is no key ${interests(nobody)} returned`,
      );
      onlyTouched(expect, diff(before, await snapshot()), [], 'hasInterest');
    },
  },
  {
    name: 'hasInterest asks Redis about the one topic, on every call, and writes no set',
    logExecuted: true,
    async run({ call, sandboxClient, redis, expect, random, executed }) {
      const words = wordsFrom(random);
      const [user = '', few = ''] = words(2);
      const key = interests(user);
      const mine = words(random.int(30, 40));
      await seedUser(redis, random, user, mine);
      // A small set too: reading the whole set "only while it is small" is still reading it.
      const theirs = words(random.int(2, 6));
      await seedUser(redis, random, few, theirs);
      const topic = random.pick(mine);

      expect.equal(
        await call('hasInterest', sandboxClient, user, topic),
        true,
        `hasInterest('${user}', '${topic}')`,
      );
      await redis.srem(key, topic);
      expect.equal(
        await call('hasInterest', sandboxClient, user, topic),
        false,
        `hasInterest('${user}', '${topic}') after SREM ${key} ${topic} (read Redis on every call: ` +
          'another server may have changed the set)',
      );
      // Followed again, from another server: a "no" remembered from the last call is wrong now.
      await redis.sadd(key, topic);
      expect.equal(
        await call('hasInterest', sandboxClient, user, topic),
        true,
        `hasInterest('${user}', '${topic}') after SADD ${key} ${topic}, which follows it again`,
      );
      const small = random.pick(theirs);
      expect.equal(
        await call('hasInterest', sandboxClient, few, small),
        true,
        `hasInterest('${few}', '${small}') when ${interests(few)} holds ${listOf(sorted(theirs))}`,
      );
      const ran = await executed();
      const found = await topicsRead(redis, ran, new Set([...mine, ...theirs]));
      expect.ok(
        found.count === 0,
        `hasInterest read ${found.count} topics of ${key} (${mine.length} topics) and ` +
          `${interests(few)} (${theirs.length} topics) to answer about one: ` +
          `${found.reads.join('; ')}. SISMEMBER answers 1 or 0 without sending the set, however small`,
      );
      // Taken out and put back, the set looks the same afterwards; between the two, the user
      // does not follow the topic for every other client.
      const writes = ran.filter(
        (command) => command.write && command.keys.some((name) => name.startsWith('interests:')),
      );
      expect.ok(
        writes.length === 0,
        `hasInterest changes no key, but it ran ${writes.slice(0, 4).map(shown).join('; ')}: while a topic ` +
          'is out of the set, other clients see the user without it. Ask SISMEMBER, which ' +
          'changes nothing',
      );
    },
  },
  {
    name: 'common returns the topics both users follow, sorted alphabetically',
    async run(context) {
      const { call, sandboxClient, redis, expect, random } = context;
      const words = wordsFrom(random);
      const [a = '', b = ''] = words(2);
      const both = words(random.int(7, 10));
      const onlyA = words(random.int(2, 5));
      const onlyB = words(random.int(2, 5));
      await seedUser(redis, random, a, [...both, ...onlyA]);
      await seedUser(redis, random, b, [...both, ...onlyB]);
      // Others share some of a's topics that b lacks, and the reverse.
      await otherUsers(context, a, [...onlyA, ...onlyB, ...both], () => words(random.int(1, 3)));
      const expected = sorted(both);
      const sets = `${interests(a)} holds ${listOf(await held(redis, a))}; ${interests(b)} holds ${listOf(await held(redis, b))}`;

      expect.equal(
        await call('common', sandboxClient, a, b),
        expected,
        `common('${a}', '${b}') (${sets}; the answer is an array, sorted as JavaScript's sort() sorts)`,
      );
      expect.equal(await call('common', sandboxClient, b, a), expected, `common('${b}', '${a}')`);
    },
  },
  {
    name: 'common returns [] when nothing is shared or a user has no topics, and creates no key',
    async run({ call, sandboxClient, redis, expect, random, snapshot, diff }) {
      const words = wordsFrom(random);
      const [a = '', b = ''] = words(2);
      await seedUser(redis, random, a, words(random.int(2, 5)));
      await seedUser(redis, random, b, words(random.int(2, 5)));
      const nobody = random.id(a);
      const before = await snapshot();

      expect.equal(
        await call('common', sandboxClient, a, b),
        [],
        `common('${a}', '${b}') (${interests(a)} holds ${listOf(await held(redis, a))}; ` +
          `${interests(b)} holds ${listOf(await held(redis, b))})`,
      );
      expect.equal(
        await call('common', sandboxClient, a, nobody),
        [],
        `common('${a}', '${nobody}') when there is no key ${interests(nobody)}`,
      );
      expect.equal(
        await call('common', sandboxClient, nobody, b),
        [],
        `common('${nobody}', '${b}') when there is no key ${interests(nobody)}`,
      );
      onlyTouched(expect, diff(before, await snapshot()), [], 'common');
      // Another server makes them share a topic: an empty answer is not for keeps.
      const taken = random.pick(await redis.smembers(interests(a)));
      await redis.sadd(interests(b), taken);
      expect.equal(
        await call('common', sandboxClient, a, b),
        [taken],
        `common('${a}', '${b}') after SADD ${interests(b)} ${taken} (read Redis on every call: ` +
          'another server may have changed the sets)',
      );
    },
  },
  {
    name: 'common lets Redis intersect the sets, and sends only the shared topics',
    logExecuted: true,
    async run({ call, sandboxClient, redis, expect, random, executed, snapshot, diff }) {
      const words = wordsFrom(random);
      // Big sets, and small ones: reading the sets "only while they are small" still reads them.
      // And a pair that shares more than 100 topics: every one of them is the answer, not a
      // first page.
      const pairs = [
        { users: words(2), both: words(random.int(3, 6)), own: [27, 34] },
        { users: words(2), both: words(random.int(1, 3)), own: [3, 6] },
        { users: words(2), both: words(random.int(105, 120)), own: [3, 6] },
      ].map(({ users: [a = '', b = ''], both, own: [min = 0, max = 0] }) => ({
        a,
        b,
        both,
        onlyA: words(random.int(min, max)),
        onlyB: words(random.int(min, max)),
      }));
      for (const { a, b, both, onlyA, onlyB } of pairs) {
        await seedUser(redis, random, a, [...both, ...onlyA]);
        await seedUser(redis, random, b, [...both, ...onlyB]);
      }
      const before = await snapshot();

      let seen = 0;
      for (const { a, b, both, onlyA, onlyB } of pairs) {
        const returned = await call('common', sandboxClient, a, b);
        expect.equal(
          returned,
          sorted(both),
          `common('${a}', '${b}') (they share ${both.length} topics, all of which are the answer)`,
        );
        const ran = await executed();
        const found = await topicsRead(
          redis,
          ran.slice(seen),
          new Set([...both, ...onlyA, ...onlyB]),
        );
        seen = ran.length;
        expect.ok(
          found.count <= 2 * both.length,
          overReadMessage(
            `common('${a}', '${b}') (${both.length + onlyA.length} and ${both.length + onlyB.length} topics)`,
            found,
            both.length,
            `SINTER ${interests(a)} ${interests(b)}.`,
          ),
        );
      }
      onlyTouched(expect, diff(before, await snapshot()), [], 'common');
    },
  },
  {
    name: 'common and suggest read Redis on every call',
    async run({ call, sandboxClient, redis, expect, random }) {
      const words = wordsFrom(random);
      const [a = '', b = ''] = words(2);
      const both = words(random.int(3, 5));
      const onlyA = words(random.int(2, 4));
      const onlyB = words(random.int(2, 4));
      await seedUser(redis, random, a, [...both, ...onlyA]);
      await seedUser(redis, random, b, [...both, ...onlyB]);
      expect.equal(
        await call('common', sandboxClient, a, b),
        sorted(both),
        `common('${a}', '${b}')`,
      );
      expect.equal(
        await call('suggest', sandboxClient, a, b),
        sorted(onlyB),
        `suggest('${a}', '${b}')`,
      );

      // Another server changes b's topics: b drops a shared one and one of its own, and takes up
      // one of a's and a new one. b follows as many topics as before: a size (SCARD) tells
      // nothing of what changed.
      const dropped = random.pick(both);
      const gone = random.pick(onlyB);
      const taken = random.pick(onlyA);
      const added = words(1)[0] as string;
      await redis.multi().srem(interests(b), dropped, gone).sadd(interests(b), taken, added).exec();
      const change =
        `after SREM ${interests(b)} ${dropped} ${gone} and SADD ${interests(b)} ${taken} ${added} ` +
        '(as many topics as before: read the sets on every call, however their sizes look)';
      expect.equal(
        await call('common', sandboxClient, a, b),
        sorted([...both.filter((topic) => topic !== dropped), taken]),
        `common('${a}', '${b}') ${change}`,
      );
      expect.equal(
        await call('suggest', sandboxClient, a, b),
        sorted([...onlyB.filter((topic) => topic !== gone), added]),
        `suggest('${a}', '${b}') ${change}`,
      );
    },
  },
  {
    name: "suggest returns the friend's topics the user lacks, sorted alphabetically",
    async run(context) {
      const { call, sandboxClient, redis, expect, random, snapshot, diff } = context;
      const words = wordsFrom(random);
      const [user = '', friend = ''] = words(2);
      const both = words(random.int(2, 5));
      const onlyUser = words(random.int(2, 5));
      const onlyFriend = words(random.int(7, 10));
      await seedUser(redis, random, user, [...both, ...onlyUser]);
      await seedUser(redis, random, friend, [...both, ...onlyFriend]);
      // Others follow topics neither has: suggestions from everyone would include them.
      await otherUsers(context, friend, [...both, ...onlyUser], () => words(random.int(1, 3)));
      const nobody = random.id(user);
      const sets = `${interests(user)} holds ${listOf(await held(redis, user))}; ${interests(friend)} holds ${listOf(await held(redis, friend))}`;
      const before = await snapshot();

      expect.equal(
        await call('suggest', sandboxClient, user, friend),
        sorted(onlyFriend),
        `suggest('${user}', '${friend}') (${sets}; the answer is the friend's topics that the ` +
          "user lacks, sorted as JavaScript's sort() sorts)",
      );
      expect.equal(
        await call('suggest', sandboxClient, nobody, friend),
        sorted([...both, ...onlyFriend]),
        `suggest('${nobody}', '${friend}') when there is no key ${interests(nobody)}: every topic of ${friend}`,
      );
      expect.equal(
        await call('suggest', sandboxClient, user, nobody),
        [],
        `suggest('${user}', '${nobody}') when there is no key ${interests(nobody)}`,
      );
      onlyTouched(expect, diff(before, await snapshot()), [], 'suggest');
      // Another server gives the friend who followed nothing a topic: [] is not for keeps.
      const fresh = words(1)[0] as string;
      await redis.sadd(interests(nobody), fresh);
      expect.equal(
        await call('suggest', sandboxClient, user, nobody),
        [fresh],
        `suggest('${user}', '${nobody}') after SADD ${interests(nobody)} ${fresh}, which it ` +
          'answered [] for before (read Redis on every call)',
      );
    },
  },
  {
    name: 'suggest lets Redis compute the difference, and sends only the answer',
    logExecuted: true,
    async run({ call, sandboxClient, redis, expect, random, executed }) {
      const words = wordsFrom(random);
      // Big sets, and small ones: reading the sets "only while they are small" still reads them.
      const pairs = [
        { users: words(2), both: words(random.int(27, 34)), own: [3, 6] },
        { users: words(2), both: words(random.int(3, 5)), own: [1, 2] },
        // And a friend with more than 100 topics the user lacks: every one is the answer.
        { users: words(2), both: words(random.int(3, 5)), own: [105, 120] },
      ].map(({ users: [user = '', friend = ''], both, own: [min = 0, max = 0] }) => ({
        user,
        friend,
        both,
        onlyUser: words(random.int(min, max)),
        onlyFriend: words(random.int(min, max)),
      }));
      for (const { user, friend, both, onlyUser, onlyFriend } of pairs) {
        await seedUser(redis, random, user, [...both, ...onlyUser]);
        await seedUser(redis, random, friend, [...both, ...onlyFriend]);
      }

      let seen = 0;
      for (const { user, friend, both, onlyUser, onlyFriend } of pairs) {
        const returned = await call('suggest', sandboxClient, user, friend);
        expect.equal(
          returned,
          sorted(onlyFriend),
          `suggest('${user}', '${friend}') (${onlyFriend.length} topics of ${friend} that ${user} lacks, all of which are the answer)`,
        );
        const ran = await executed();
        const found = await topicsRead(
          redis,
          ran.slice(seen),
          new Set([...both, ...onlyUser, ...onlyFriend]),
        );
        seen = ran.length;
        expect.ok(
          found.count <= 2 * onlyFriend.length,
          overReadMessage(
            `suggest('${user}', '${friend}') (${both.length + onlyUser.length} and ${both.length + onlyFriend.length} topics)`,
            found,
            onlyFriend.length,
            `SDIFF ${interests(friend)} ${interests(user)} (the friend's set first).`,
          ),
        );
      }
    },
  },
  {
    name: 'two commons, or two suggests, for the same users at the same time both return the answer',
    async run({ race, sandboxClient, redis, expect, random }) {
      const words = wordsFrom(random);
      const [a = '', b = ''] = words(2);
      const shared = words(random.int(2, 4));
      const [onlyA = '', onlyB = ''] = words(2);
      const answer = (result: RaceOutcome<unknown>) =>
        result.threw === undefined ? JSON.stringify(result.returned) : `threw "${result.threw}"`;
      // Two people open the same profile: a scratch key of fixed name, or one named after the
      // pair, is shared by both calls, and the DEL of one empties it before the other reads it.
      for (const [name, expected, command, instead] of [
        ['common', sorted(shared), 'SINTERSTORE', 'SINTER send the shared topics'],
        ['suggest', [onlyB], 'SDIFFSTORE', 'SDIFF send the topics'],
      ] as const) {
        const label = `${name}('${a}', '${b}')`;
        await race({
          calls: [
            [name, sandboxClient, a, b],
            [name, sandboxClient, a, b],
          ],
          labels: [label, label],
          setup: async () => {
            await redis.sadd(interests(a), onlyA, ...shared);
            await redis.sadd(interests(b), ...shared, onlyB);
          },
          verify: async ([one, two]) => {
            expect.ok(
              [one, two].every(
                (result) => JSON.stringify(result.returned) === JSON.stringify(expected),
              ),
              `${label} must return ${JSON.stringify(expected)}; two of them at the same time ` +
                `returned ${answer(one)} and ${answer(two)}. A scratch key of fixed name, or ` +
                `named after the pair (${command}, SMEMBERS, DEL as separate commands), is the ` +
                "other call's key too: its DEL empties it before this one reads it. A read " +
                `changes no key: let ${instead}`,
            );
          },
        });
      }
    },
  },
  {
    name: 'countCommon counts the shared topics, up to atMost',
    async run({ call, sandboxClient, redis, expect, random, snapshot, diff }) {
      const words = wordsFrom(random);
      const [a = '', b = ''] = words(2);
      const both = words(random.int(3, 8));
      await seedUser(redis, random, a, [...both, ...words(random.int(1, 4))]);
      await seedUser(redis, random, b, [...both, ...words(random.int(1, 4))]);
      const shared = both.length;
      const nobody = random.id(a);
      const before = await snapshot();
      const sets = `${interests(a)} and ${interests(b)} share ${shared} topics`;

      const above = shared + random.int(1, 20);
      expect.equal(
        await call('countCommon', sandboxClient, a, b, above),
        shared,
        `countCommon('${a}', '${b}', ${above}) (${sets})`,
      );
      expect.equal(
        await call('countCommon', sandboxClient, b, a, shared),
        shared,
        `countCommon('${b}', '${a}', ${shared}) (${sets})`,
      );
      const below = random.int(1, shared - 1);
      expect.equal(
        await call('countCommon', sandboxClient, a, b, below),
        below,
        `countCommon('${a}', '${b}', ${below}) (${sets}, more than ${below}: count no further than atMost)`,
      );
      expect.equal(
        await call('countCommon', sandboxClient, a, nobody, above),
        0,
        `countCommon('${a}', '${nobody}', ${above}) when there is no key ${interests(nobody)}`,
      );
      onlyTouched(expect, diff(before, await snapshot()), [], 'countCommon');

      // Another server changes b's topics, swapping a shared one for a new one (b follows as
      // many topics as before): the count must follow, whatever the sizes say.
      const dropped = random.pick(both);
      const replacement = words(1)[0] as string;
      await redis.multi().srem(interests(b), dropped).sadd(interests(b), replacement).exec();
      expect.equal(
        await call('countCommon', sandboxClient, a, b, above),
        shared - 1,
        `countCommon('${a}', '${b}', ${above}) after SREM ${interests(b)} ${dropped} and SADD ` +
          `${interests(b)} ${replacement} (read Redis on every call: another server may have ` +
          'changed the sets, even where their sizes (SCARD) stay the same)',
      );
      // A pair that reached the cap ("10+") can fall below it again.
      expect.equal(
        await call('countCommon', sandboxClient, b, a, shared),
        shared - 1,
        `countCommon('${b}', '${a}', ${shared}), which answered ${shared} (the cap) before, after ` +
          `SREM ${interests(b)} ${dropped} and SADD ${interests(b)} ${replacement} (read Redis on ` +
          'every call, even for a count that reached atMost)',
      );
      const taken = random.pick(both.filter((topic) => topic !== dropped));
      await redis.sadd(interests(nobody), taken);
      expect.equal(
        await call('countCommon', sandboxClient, a, nobody, above),
        1,
        `countCommon('${a}', '${nobody}', ${above}) after SADD ${interests(nobody)} ${taken}, ` +
          'which it answered 0 for before (read Redis on every call)',
      );
    },
  },
  {
    name: 'countCommon lets Redis count with SINTERCARD … LIMIT, reading no topics',
    logExecuted: true,
    async run({ call, sandboxClient, redis, expect, random, executed }) {
      const words = wordsFrom(random);
      // LIMIT's number, or undefined for a count that runs to the end of the intersection.
      const limitOf = (command: ExecutedCommand) => {
        const at = command.args.findIndex((arg) => arg.toLowerCase() === 'limit');
        const limit = at >= 0 ? Number(command.args[at + 1]) : 0;
        return limit >= 1 ? limit : undefined;
      };
      // atMost above 10, so that a cap copied from the profile page's "10+" shows; and above 100,
      // with more than 100 topics shared, so that a limit capped at a round number, or sent only
      // up to one, shows too.
      let seen = 0;
      for (const [fewest, most, lowest] of [
        [20, 30, 11],
        [105, 120, 101],
      ] as const) {
        const [a = '', b = ''] = words(2);
        const both = words(random.int(fewest, most));
        const onlyA = words(random.int(5, 10));
        const onlyB = words(random.int(5, 10));
        await seedUser(redis, random, a, [...both, ...onlyA]);
        await seedUser(redis, random, b, [...both, ...onlyB]);
        const atMost = random.int(lowest, both.length - 1);

        expect.equal(
          await call('countCommon', sandboxClient, a, b, atMost),
          atMost,
          `countCommon('${a}', '${b}', ${atMost}) (they share ${both.length} topics)`,
        );
        const all = await executed();
        const ran = all.slice(seen);
        seen = all.length;
        const found = await topicsRead(redis, ran, new Set([...both, ...onlyA, ...onlyB]));
        expect.ok(
          found.count === 0,
          `countCommon('${a}', '${b}', ${atMost}) read or copied ${found.count} topics of the sets ` +
            `to count them: ${found.reads.join('; ')}. SINTERCARD counts the shared topics where ` +
            'they are, stops at LIMIT, and answers with a number',
        );
        const counts = ran.filter((command) => command.name === 'sintercard');
        expect.ok(
          counts.some((command) => limitOf(command) === atMost),
          `countCommon('${a}', '${b}', ${atMost}) must send SINTERCARD 2 ${interests(a)} ` +
            `${interests(b)} LIMIT ${atMost}, so that Redis stops counting at ${atMost}; it ran: ` +
            `${ran.map(shown).join('; ') || 'no commands'}`,
        );
        // A limited count sent beside an unlimited one saves nothing: Redis still counts them all.
        const full = counts.filter((command) => (limitOf(command) ?? Infinity) > atMost);
        expect.ok(
          full.length === 0,
          `countCommon('${a}', '${b}', ${atMost}) also ran ${full.map(shown).join('; ')}, which ` +
            `counts past ${atMost} (they share ${both.length} topics): send only SINTERCARD … ` +
            `LIMIT ${atMost}, and return its reply`,
        );
      }
    },
  },
  {
    name: 'calls for other users at the same time, in one program, each answer for their own users',
    async run({ call, sandboxClient, redis, expect, random }) {
      const words = wordsFrom(random);
      // Two pairs of users with no topic in common between the pairs: an answer that mixes them
      // up shows. The calls of each function start together, in one program, as two requests of
      // one server do: a scratch key named once for the whole program, or the users of a call
      // kept in module variables and read again after an await, is shared by both.
      const pairs = [0, 1].map(() => {
        const [a = '', b = ''] = words(2);
        return {
          a,
          b,
          both: words(random.int(2, 4)),
          onlyA: words(random.int(2, 3)),
          onlyB: words(random.int(2, 3)),
        };
      });
      for (const { a, b, both, onlyA, onlyB } of pairs) {
        await seedUser(redis, random, a, [...both, ...onlyA]);
        await seedUser(redis, random, b, [...both, ...onlyB]);
      }
      type Pair = (typeof pairs)[number];
      const together = async (
        shown: (pair: Pair) => string,
        run: (pair: Pair) => Promise<unknown>,
        expected: (pair: Pair) => unknown,
      ) => {
        const answers = await Promise.all(pairs.map(run));
        for (const [index, pair] of pairs.entries()) {
          const other = pairs[1 - index] as Pair;
          expect.equal(
            answers[index],
            expected(pair),
            `${shown(pair)}, called at the same time as ${shown(other)} (two requests to one ` +
              'server: keep what a call needs in variables of its own, and any scratch key its ' +
              'own too, never one named once for the whole program)',
          );
        }
      };
      await together(
        ({ a, b }) => `common('${a}', '${b}')`,
        ({ a, b }) => call('common', sandboxClient, a, b),
        ({ both }) => sorted(both),
      );
      await together(
        ({ a, b }) => `suggest('${a}', '${b}')`,
        ({ a, b }) => call('suggest', sandboxClient, a, b),
        ({ onlyB }) => sorted(onlyB),
      );
      await together(
        ({ a, b, both }) => `countCommon('${a}', '${b}', ${both.length + 5})`,
        ({ a, b, both }) => call('countCommon', sandboxClient, a, b, both.length + 5),
        ({ both }) => both.length,
      );
      // A topic the one user follows and the other does not: answered about the wrong user, the
      // answer flips.
      await together(
        ({ a, onlyA }) => `hasInterest('${a}', '${onlyA[0]}')`,
        ({ a, onlyA }) => call('hasInterest', sandboxClient, a, onlyA[0] as string),
        () => true,
      );
    },
  },
];

export default checks;
