import type Redis from 'ioredis';
import type {
  CheckContext,
  CheckList,
  ExecutedCommand,
  Expect,
  Random,
} from '../../grader/checks/api.ts';

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

type Ctx = CheckContext<Exports>;

const FIRST_NAMES = ['Ada', 'Grace', 'Alan', 'Barbara', 'Edsger', 'Frances', 'Ken', 'Radia'];
const LAST_NAMES = ['Lovelace', 'Hopper', 'Turing', 'Liskov', 'Dijkstra', 'Allen', 'Perlman'];
/**
 * Every city holds a letter outside ASCII that Unicode can also write in two code points: code
 * that encodes a value as latin1, decodes the bytes it reads as latin1, or normalises the
 * string (NFD, NFKD) stores or returns another string than the one given.
 */
const CITIES = [
  'Zürich',
  'São Paulo',
  'Kraków',
  'Montréal',
  'Reykjavík',
  'Malmö',
  'Åre',
  'Besançon',
];
/** Fields a site might add to a profile later: loadProfile must return them too. */
const EXTRA_FIELDS = ['bio', 'phone', 'joined', 'language', 'avatar', 'team'];

/** Commands that run a script: what the script ran is listed after them, and is what counts. */
const SCRIPT_RUNNERS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro']);
/** Commands that only frame others, or load a script: they read and write no key. */
const FRAMING = new Set(['multi', 'exec', 'script', 'function']);

const userKey = (id: string) => `user:${id}`;

/**
 * A user id with capitals and digits, kept as given: code that builds the key from `Number(id)`,
 * or lower-cases or trims it, writes and reads another key.
 */
function userId(random: Random): string {
  return random.id(random.pick(['Ada42', 'kx-7Q', 'Bo.90']));
}

/** A user id of digits only with a leading zero, which `Number(id)` would drop. */
const digitsId = (random: Random) => `0${random.id('427')}`;

/**
 * An id with spaces at both ends and inside, an accent, a slash and a percent sign: code that
 * trims the id or encodes it for a URL writes and reads another key.
 */
const oddId = (random: Random) => ` ${random.id('Jo')} sé/%${random.id('7')} `;

/** An id shaped like `like` that is none of `taken`: a user nobody saved, told apart by nothing. */
function missingId(random: Random, like: string, taken: readonly string[]): string {
  let id = random.id(like);
  while (id === like || taken.includes(id)) id = random.id(like);
  return id;
}

/**
 * A profile whose fields come in another order than the statement lists them (code that pairs
 * values by position gives itself away), its e-mail in mixed case, kept as given.
 */
function profileOf(random: Random): Profile {
  const first = random.pick(FIRST_NAMES);
  const last = random.pick(LAST_NAMES);
  return {
    city: random.pick(CITIES),
    email: `${first}.${last}${random.int(1, 999)}@Example.com`,
    name: `${first} ${last}`,
  };
}

/** Three other users, shaped like `id`, stored as the exercise asks: code that searches meets them. */
function seedOtherUsers({ decoys, redis, random }: Ctx, id: string): Promise<string[]> {
  return decoys(id, 3, (other) =>
    redis.hset(userKey(other), { ...profileOf(random), points: random.int(0, 900) }),
  );
}

/** Every key in the sandbox with its type, e.g. `user:42:name (string)`: what Redis holds. */
async function keysHeld({ snapshot }: Ctx): Promise<string> {
  const { keys } = await snapshot();
  if (keys.size === 0) return 'no keys at all';
  return [...keys]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, state]) => `${key} (${state.type})`)
    .join(', ');
}

/** A key or id as a message shows it: one that ends in a space is quoted, or the space could not be seen. */
const named = (key: string) => (key.trim() === key ? key : `'${key}'`);

/** Fails with what Redis holds unless `key` is a hash: the likely mistake is there. */
async function expectHash(ctx: Ctx, key: string, expect: Expect): Promise<void> {
  const type = await ctx.redis.type(key);
  expect.ok(
    type === 'hash',
    `TYPE ${named(key)}: expected hash, got ${type}${type === 'none' ? ' (no such key)' : ''}; ` +
      `Redis holds: ${await keysHeld(ctx)}`,
  );
}

/** Whether two objects hold the same fields with the same values, in whatever order. */
function sameFields(a: unknown, b: Record<string, string>): boolean {
  if (typeof a !== 'object' || a === null) return false;
  const entries = Object.entries(a);
  return entries.length === Object.keys(b).length && entries.every(([k, v]) => b[k] === v);
}

const shown = (value: unknown) => JSON.stringify(value) ?? String(value);

function listed(commands: readonly ExecutedCommand[]): string {
  if (commands.length === 0) return 'no commands';
  const shown = commands.slice(0, 12).map((command) => {
    const line = [command.name, ...command.args].join(' ').replace(/\s+/g, ' ');
    return command.script ? `${line} (in the script)` : line;
  });
  return commands.length > 12 ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** What touched Redis: a script's own commands count, the EVAL and MULTI around them do not. */
function dataCommands(executed: readonly ExecutedCommand[]): ExecutedCommand[] {
  return executed.filter(
    (command) => !SCRIPT_RUNNERS.has(command.name) && !FRAMING.has(command.name),
  );
}

/** Writes that decide again as they run, from what the key holds then: no earlier read counts. */
const DECIDES_ITSELF = new Set(['hincrby', 'hincrbyfloat', 'hsetnx']);

const checks: CheckList<Exports> = [
  {
    name: 'saveProfile stores the profile as a hash under user:<id>',
    async run(ctx) {
      const { call, sandboxClient, redis, expect, random } = ctx;
      for (const [index, id] of [userId(random), digitsId(random), oddId(random)].entries()) {
        const plain = profileOf(random);
        // A name typed with a space at each end, as a form may send it: saved as given.
        const profile = index === 2 ? { ...plain, name: ` ${plain.name} ` } : plain;
        await call('saveProfile', sandboxClient, id, profile);
        await expectHash(ctx, userKey(id), expect);
        expect.equal(
          await redis.hgetall(userKey(id)),
          profile,
          `HGETALL ${named(userKey(id))} after saveProfile('${id}', ${shown(profile)}) (every value is stored exactly as given: spaces, capitals and letters outside ASCII included, as UTF-8, the way ioredis sends a string; never trimmed, re-encoded or normalised)`,
        );
        const ttl = await redis.pttl(userKey(id));
        expect.ok(
          ttl === -1,
          `after saveProfile('${id}', …), '${userKey(id)}' expires in ${ttl} ms: a profile is kept ` +
            'until it is changed, so give it no time to live',
        );
      }
    },
  },
  {
    name: 'saveProfile changes user:<id> and no other key',
    async run(ctx) {
      const { call, sandboxClient, expect, random, snapshot, diff } = ctx;
      const id = userId(random);
      await seedOtherUsers(ctx, id);
      const before = await snapshot();
      await call('saveProfile', sandboxClient, id, profileOf(random));
      const changes = diff(before, await snapshot());
      const elsewhere = changes.outside([userKey(id)]);
      expect.ok(
        elsewhere.length === 0,
        `saveProfile('${id}', …) may write only ${userKey(id)}; it also ${changes.describe(elsewhere)}`,
      );
    },
  },
  {
    name: 'saveProfile writes the three fields with one HSET',
    logExecuted: true,
    async run({ call, sandboxClient, executed, expect, random }) {
      const id = userId(random);
      await call('saveProfile', sandboxClient, id, profileOf(random));
      const ran = await executed();
      const writes = dataCommands(ran);
      const [only] = writes;
      expect.ok(
        writes.length === 1 && (only?.name === 'hset' || only?.name === 'hmset'),
        `this exercise is about HSET taking every field at once: saveProfile must write name, ` +
          `email and city with a single HSET ${userKey(id)} (a MULTI or a script around it is ` +
          `fine), and run no other command, so that nobody reads half a profile; Redis ran: ${listed(ran)}`,
      );
    },
  },
  {
    name: 'saveProfile updates an existing user and keeps its other fields',
    async run(ctx) {
      const { call, sandboxClient, redis, expect, random, snapshot, diff } = ctx;
      const id = userId(random);
      await seedOtherUsers(ctx, id);
      const points = String(random.int(1, 5000));
      const extra = random.pick(EXTRA_FIELDS);
      const extraValue = random.word(8);
      const old = profileOf(random);
      await redis.hset(userKey(id), { ...old, points, [extra]: extraValue });
      let updated = profileOf(random);
      while (updated.email === old.email) updated = profileOf(random);
      // A user who clears a field: the empty value is saved like any other.
      updated = { ...updated, city: '' };

      const before = await snapshot();
      await call('saveProfile', sandboxClient, id, updated);
      await expectHash(ctx, userKey(id), expect);
      expect.equal(
        await redis.hgetall(userKey(id)),
        { ...updated, points, [extra]: extraValue },
        `HGETALL ${userKey(id)} (before saveProfile it held ${points} points and ${extra} = ${extraValue}; the new profile's city is '')`,
      );
      // An update is a save like the first one: code that tells the two apart by HSET's reply
      // (no new field) must not log, index or expire on it either.
      const changes = diff(before, await snapshot());
      const elsewhere = changes.outside([userKey(id)]);
      expect.ok(
        elsewhere.length === 0,
        `saveProfile('${id}', …) over an existing user may write only ${userKey(id)}; it also ${changes.describe(elsewhere)}`,
      );
      const ttl = await redis.pttl(userKey(id));
      expect.ok(
        ttl === -1,
        `saveProfile('${id}', …) over an existing user with no time to live left ${userKey(id)} expiring in ${ttl} ms: a profile is kept until it is changed, an updated one too, so give it no time to live`,
      );
    },
  },
  {
    name: 'loadProfile returns every field of user:<id> as strings',
    async run(ctx) {
      const { call, sandboxClient, redis, expect, random } = ctx;
      const id = userId(random);
      await seedOtherUsers(ctx, id);
      // Fields no list in the code could know, one of them empty, and enough fields and a long
      // enough value that Redis keeps the hash as a hash table, which one HSCAN reads in part.
      // Points of 0 are points all the same; a mobile number is digits, a string that a number
      // would cut short; a value may hold spaces at its ends and any character.
      const stored: Record<string, string> = {
        ...profileOf(random),
        points: '0',
        mobile: `0${random.int(100_000_000, 999_999_999)}`,
        motto: ` ${random.word(5)} — ${random.pick(['日本', 'ünïcödé', 'çà'])} 🚀 `,
        [random.pick(EXTRA_FIELDS)]: random.word(7),
        [random.word(7)]: random.word(5),
        [random.word(8)]: '',
        about: `${random.word(10)} `.repeat(10),
      };
      for (let index = 0; index < 16; index += 1)
        stored[`${random.word(5)}${index}`] = random.word(4);
      await redis.hset(userKey(id), stored);

      const loaded = await call('loadProfile', sandboxClient, id);
      expect.equal(
        loaded,
        stored,
        `loadProfile('${id}'), compared with HGETALL ${userKey(id)} (${Object.keys(stored).length} fields; every value comes back as the string Redis holds, points '0' and a mobile number of digits included, spaces and letters outside ASCII as they are)`,
      );
    },
  },
  {
    name: 'loadProfile returns null for a user who does not exist',
    async run(ctx) {
      const { call, sandboxClient, redis, expect, random } = ctx;
      const id = userId(random);
      const others = await seedOtherUsers(ctx, id);
      const missing = missingId(random, id, others);

      const loaded = await call('loadProfile', sandboxClient, missing);
      expect.equal(
        loaded,
        null,
        `loadProfile('${missing}'), with no key ${userKey(missing)} in Redis (users ${others.join(', ')} exist; HGETALL answers {} for a key that does not exist)`,
      );

      // Written since, by another service, with neither name nor points and only empty values:
      // the answer must come from Redis again, and the key existing is what makes the user exist.
      const extra = random.pick(EXTRA_FIELDS);
      const written = { [extra]: '', [random.word(7)]: '' };
      await redis.hset(userKey(missing), written);
      expect.equal(
        await call('loadProfile', sandboxClient, missing),
        written,
        `loadProfile('${missing}') called again after HSET ${userKey(missing)} ${Object.keys(
          written,
        )
          .map((field) => `${field} ''`)
          .join(' ')} (the key exists, so the user does, whatever fields it holds, empty ones too)`,
      );
    },
  },
  {
    name: 'loadProfile reads Redis on every call, and only reads',
    async run({ call, sandboxClient, redis, expect, random, snapshot, diff }) {
      const id = userId(random);
      const key = userKey(id);
      /** Loads the user, expects `expected`, and fails if the read changed anything in Redis. */
      const loadOnly = async (expected: Record<string, string> | null, after: string) => {
        const before = await snapshot();
        expect.equal(
          await call('loadProfile', sandboxClient, id),
          expected,
          `loadProfile('${id}') ${after}`,
        );
        const changes = diff(before, await snapshot());
        const changed = changes.outside([]);
        expect.ok(
          changed.length === 0,
          `loadProfile('${id}') only reads, a user found or not: it must leave every key, field and time to live as it was, but ${after} it ${changes.describe(changed)}`,
        );
      };

      // Saved by the learner's own code, then changed by another server: a copy kept since the
      // save is not what Redis holds. The hash has no points and no time to live, which a read
      // must not add.
      const saved = profileOf(random);
      await call('saveProfile', sandboxClient, id, saved);
      const first = { ...saved, city: random.word(6) };
      await redis.hset(key, 'city', first.city);
      await loadOnly(first, `after saveProfile('${id}', …) and HSET ${key} city ${first.city}`);

      // Points, and a time to live someone else gave the key: a read that removes or moves it writes.
      const second = { ...first, points: String(random.int(0, 500)), name: random.word(7) };
      await redis.hset(key, { points: second.points, name: second.name });
      await redis.pexpire(key, 3_600_000);
      await loadOnly(
        second,
        `after HSET ${key} points ${second.points} name ${second.name} and PEXPIRE ${key} 3600000`,
      );

      // A change that leaves points as they were: code that re-reads only when they differ
      // answers from a copy.
      const third = {
        ...second,
        city: random.pick(CITIES),
        email: `${random.word(6)}@example.net`,
      };
      await redis.hset(key, { city: third.city, email: third.email });
      expect.equal(
        await call('loadProfile', sandboxClient, id),
        third,
        `loadProfile('${id}') after HSET ${key} city ${third.city} email ${third.email} (points unchanged)`,
      );

      await redis.del(key);
      await loadOnly(null, `after DEL ${key}`);
    },
  },
  {
    name: 'loadProfile reads user:<id> itself, without KEYS or SCAN',
    logExecuted: true,
    async run(ctx) {
      const { call, sandboxClient, redis, executed, expect, random } = ctx;
      const id = userId(random);
      const others = await seedOtherUsers(ctx, id);
      // Ids of every shape, each read from its own key: code that trims the id, or reads an id of
      // digits as a number, reads another key (one that does not exist here) and answers null.
      for (const shaped of [id, digitsId(random), oddId(random)]) {
        const profile = profileOf(random);
        await redis.hset(userKey(shaped), profile);
        expect.equal(
          await call('loadProfile', sandboxClient, shaped),
          profile,
          `loadProfile('${shaped}'), with the profile in ${named(userKey(shaped))} (the id is kept exactly as given)`,
        );
      }
      await call('loadProfile', sandboxClient, missingId(random, id, others));
      const ran = await executed();
      const searches = ran.filter((command) => ['keys', 'scan'].includes(command.name));
      expect.ok(
        searches.length === 0,
        `loadProfile ran ${listed(searches)}: KEYS and SCAN walk every key in the database, which gets slower with every user. Read ${userKey(id)} itself: HGETALL answers {} when it does not exist. Redis ran: ${listed(ran)}`,
      );
    },
  },
  {
    name: 'addPoints adds to the field points and returns the new total',
    async run(ctx) {
      const { call, sandboxClient, redis, expect, random, snapshot, diff } = ctx;
      // Spaces at its ends: code that trims the id adds to another user's points.
      const id = oddId(random);
      await seedOtherUsers(ctx, id);
      const profile = profileOf(random);
      // A total past 32 bits and past 10^14, as HINCRBY keeps it (64 bits), yet exact in a
      // JavaScript number: code that cuts the reply to 32 bits, or adds in Lua's floats and
      // writes tostring() back ("1.2345678901234e+14"), changes it.
      const before = random.int(100_000_000_000_000, 900_000_000_000_000);
      const added = random.int(1, 500);
      await redis.hset(userKey(id), { ...profile, points: before });

      const start = await snapshot();
      const total = await call('addPoints', sandboxClient, id, added);
      await expectHash(ctx, userKey(id), expect);
      expect.equal(
        await redis.hgetall(userKey(id)),
        { ...profile, points: String(before + added) },
        `HGETALL ${named(userKey(id))} (it had ${before} points, and ${added} were added)`,
      );
      expect.equal(total, before + added, `the number addPoints('${id}', ${added}) returned`);
      const changes = diff(start, await snapshot());
      const elsewhere = changes.outside([userKey(id)]);
      expect.ok(
        elsewhere.length === 0,
        `addPoints('${id}', ${added}) may change only ${named(userKey(id))}; it also ${changes.describe(elsewhere)}`,
      );
      const ttl = changes.changes.find((change) => change.key === userKey(id))?.ttl;
      expect.ok(
        ttl === undefined || ttl === 'kept',
        `addPoints('${id}', ${added}) gave ${named(userKey(id))} a time to live (PTTL ${await redis.pttl(userKey(id))} ms): adding points changes the field points only, and the profile is kept`,
      );

      // An id of digits with a leading zero, which is not a number, and points taken away.
      const newcomer = digitsId(random);
      const taken = -random.int(1, 500);
      await redis.hset(userKey(newcomer), profileOf(random));
      const beforeFirst = await snapshot();
      const first = await call('addPoints', sandboxClient, newcomer, taken);
      expect.equal(
        await redis.hget(userKey(newcomer), 'points'),
        String(taken),
        `HGET ${userKey(newcomer)} points (the user had no points field before, and ${taken} were added)`,
      );
      expect.equal(first, taken, `the number addPoints('${newcomer}', ${taken}) returned`);
      const firstChanges = diff(beforeFirst, await snapshot());
      const alsoChanged = firstChanges.outside([userKey(newcomer)]);
      expect.ok(
        alsoChanged.length === 0,
        `addPoints('${newcomer}', ${taken}), a user's first points, may change only ${userKey(newcomer)}; it also ${firstChanges.describe(alsoChanged)}`,
      );
      const firstTtl = firstChanges.changes.find((change) => change.key === userKey(newcomer))?.ttl;
      expect.ok(
        firstTtl === undefined || firstTtl === 'kept',
        `addPoints('${newcomer}', ${taken}) gave ${userKey(newcomer)} a time to live (PTTL ${await redis.pttl(userKey(newcomer))} ms): adding points changes the field points only, and the profile is kept`,
      );
    },
  },
  {
    name: 'addPoints for an id never saved makes a hash holding only points, and loadProfile returns it',
    async run(ctx) {
      const { call, sandboxClient, redis, expect, random, snapshot, diff } = ctx;
      const id = userId(random);
      const others = await seedOtherUsers(ctx, id);
      const fresh = missingId(random, id, others);
      const added = random.int(1, 500);

      const before = await snapshot();
      const total = await call('addPoints', sandboxClient, fresh, added);
      expect.equal(total, added, `the number addPoints('${fresh}', ${added}) returned`);
      await expectHash(ctx, userKey(fresh), expect);
      expect.equal(
        await redis.hgetall(userKey(fresh)),
        { points: String(added) },
        `HGETALL ${userKey(fresh)} (no user ${fresh} was saved before addPoints)`,
      );
      const changes = diff(before, await snapshot());
      const elsewhere = changes.outside([userKey(fresh)]);
      expect.ok(
        elsewhere.length === 0,
        `addPoints('${fresh}', ${added}) may change only ${userKey(fresh)}; it also ${changes.describe(elsewhere)}`,
      );
      const ttl = await redis.pttl(userKey(fresh));
      expect.ok(
        ttl === -1,
        `addPoints('${fresh}', ${added}) made ${userKey(fresh)} with a time to live (PTTL ${ttl} ms): a user made by addPoints is kept like any other, so give the key none`,
      );
      expect.equal(
        await call('loadProfile', sandboxClient, fresh),
        { points: String(added) },
        `loadProfile('${fresh}') when ${userKey(fresh)} holds only points (the hash exists, so it is returned as it is)`,
      );

      // Adding 0 makes the user too: code that skips it as "nothing to do" leaves no hash.
      const zero = missingId(random, id, [...others, fresh]);
      const none = await call('addPoints', sandboxClient, zero, 0);
      expect.equal(
        await redis.hgetall(userKey(zero)),
        { points: '0' },
        `HGETALL ${userKey(zero)} after addPoints('${zero}', 0), with no user ${zero} saved before (the hash is made even when it adds 0: HINCRBY by 0 writes points 0)`,
      );
      expect.equal(none, 0, `the number addPoints('${zero}', 0) returned`);
      expect.equal(
        await call('loadProfile', sandboxClient, zero),
        { points: '0' },
        `loadProfile('${zero}') when ${userKey(zero)} holds only points '0' (the hash exists, so the user does: return it as it is)`,
      );
    },
  },
  {
    name: 'additions to one user at the same time lose no points',
    logExecuted: true,
    async run({ call, race, sandboxClient, redis, executed, expect, random, writesOnARead }) {
      const id = userId(random);
      const key = userKey(id);
      const profile = profileOf(random);

      // The grading's own module, after a save of its own, adding a user's first points: a race's
      // modules only ever run addPoints, so code careless elsewhere (after a save, on a user with
      // no points yet) is judged here, by what it ran rather than by an interleaving.
      await call('saveProfile', sandboxClient, id, profile);
      const added = random.int(1, 99);
      await call('addPoints', sandboxClient, id, added);
      const [gap] = writesOnARead(await executed(), key, ({ name }) => DECIDES_ITSELF.has(name));
      expect.ok(
        gap === undefined,
        `addPoints('${id}', ${added}), after saveProfile('${id}', …), read ${key} with ${gap ? listed([gap.read]) : ''}, then wrote it with ${gap ? listed([gap.write]) : ''} on its own: another server's addition landing between the two is lost. Add with HINCRBY, which reads and writes in one command, or WATCH ${key} before the read and write in a MULTI, retrying while EXEC answers null`,
      );
      const start = random.int(0, 900);
      const [first, second] = [random.int(1, 49), random.int(50, 99)];
      await race({
        calls: [
          ['addPoints', sandboxClient, id, first],
          ['addPoints', sandboxClient, id, second],
        ],
        labels: [`addPoints(+${first})`, `addPoints(+${second})`],
        setup: async () => {
          await redis.hset(key, { ...profile, points: start });
        },
        verify: async ([one, other]) => {
          const total = start + first + second;
          expect.equal(
            await redis.hget(key, 'points'),
            String(total),
            `HGET ${key} points (it held ${start}, then ${first} and ${second} were added at the same time)`,
          );
          // Whichever came first returns its own total; the second returns the sum of both.
          const returned = [one.returned ?? one.threw, other.returned ?? other.threw];
          const orders = [
            [start + first, total],
            [total, start + second],
          ];
          expect.ok(
            orders.some(([a, b]) => returned[0] === a && returned[1] === b),
            `each addPoints must return the total right after its own addition: ${start + first} or ${total} for +${first}, ${total} or ${start + second} for +${second}, one of them ${total}; they returned ${returned.join(' and ')}`,
          );
        },
      });

      // Other servers adding between this call's commands, once per try it makes: code that
      // gives up after a few tries loses an addition a busy user is sure to get. The user has no
      // points yet, so that the path that writes a user's first points meets them too.
      const mine = random.int(1, 99);
      const [g1, g2] = [random.int(100, 199), random.int(200, 299)];
      await race({
        calls: [['addPoints', sandboxClient, id, mine]],
        labels: [`addPoints(+${mine})`],
        interject: [
          ['HINCRBY', key, 'points', String(g1)],
          ['HINCRBY', key, 'points', String(g2)],
        ],
        setup: async () => {
          await redis.hset(key, profile);
        },
        verify: async ([one]) => {
          const total = mine + g1 + g2;
          const held = await redis.hget(key, 'points');
          const returned = one?.returned ?? `an error (${one?.threw})`;
          expect.ok(
            held === String(total) && [mine, g1 + mine, total].includes(one?.returned as number),
            `${key} held no points field; addPoints(+${mine}) ran while other servers added ${g1} then ${g2} (HINCRBY): it returned ${returned}, and HGET ${key} points answers ${held}. Every addition must land (${total} in all), and addPoints must return the total right after its own (${mine}, ${g1 + mine} or ${total}): HINCRBY does both, or retry a WATCH transaction for as long as it is beaten`,
          );
        },
      });
    },
  },
  {
    name: 'loadProfile returns the hash as it was at one moment, never half old and half new',
    async run({ race, sandboxClient, redis, expect, random }) {
      const id = userId(random);
      const key = userKey(id);
      // A value longer than 64 bytes and a dozen fields: Redis keeps the hash as a hash table,
      // which HSCAN reads a page at a time (a small hash comes back whole in one page).
      const old: Record<string, string> = {
        ...profileOf(random),
        points: String(random.int(0, 900)),
        about: `${random.word(10)} `.repeat(8),
      };
      for (const extra of EXTRA_FIELDS) old[extra] = random.word(6);
      // Another server writes every field anew: read between two of its own reads, code that
      // reads field by field or page by page mixes the old profile with the new one.
      const now: Record<string, string> = {
        city: random.word(7),
        email: `${random.word(5)}@example.org`,
        name: random.word(8),
        points: String(Number(old.points) + random.int(1, 500)),
        about: `${random.word(9)} `.repeat(8),
      };
      for (const extra of EXTRA_FIELDS) now[extra] = random.word(7);
      await race({
        calls: [['loadProfile', sandboxClient, id]],
        labels: [`loadProfile('${id}')`],
        interject: [['HSET', key, ...Object.entries(now).flat()]],
        setup: async () => {
          await redis.hset(key, old);
        },
        verify: async ([one]) => {
          const loaded = one?.returned ?? `an error (${one?.threw})`;
          expect.ok(
            sameFields(one?.returned, old) || sameFields(one?.returned, now),
            `${key} held ${shown(old)}, and another server wrote ${shown(now)} with one HSET while loadProfile('${id}') read it; it returned ${shown(loaded)}, which Redis never held. Read every field with one command (HGETALL), or in one MULTI or script, so that the answer is the hash at one moment (HSCAN answers a large hash a page at a time)`,
          );
        },
      });
    },
  },
];

export default checks;
