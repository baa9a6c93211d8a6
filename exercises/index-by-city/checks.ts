import type Redis from 'ioredis';
import type {
  CheckContext,
  CheckList,
  ExecutedCommand,
  Random,
  SnapshotDiff,
} from '../../grader/checks/api.ts';

interface User {
  id: string;
  name: string;
  city: string;
}

interface Exports {
  addUser(redis: Redis, user: User): Promise<void>;
  usersIn(redis: Redis, city: string): Promise<string[]>;
  moveUser(redis: Redis, id: string, newCity: string): Promise<void>;
}

type Ctx = CheckContext<Exports>;

const userKey = (id: string) => `user:${id}`;
const cityKey = (city: string) => `city:${city}:users`;

const CITIES = (
  'lisbon porto madrid seville paris lyon berlin hamburg vienna prague warsaw krakow oslo ' +
  'bergen helsinki dublin cork leeds glasgow rome milan naples athens sofia riga tallinn ' +
  'vilnius zagreb geneva zurich ghent antwerp utrecht delft'
).split(' ');
const NAMES = (
  'Ada Aiko Ben Bruno Carmen Chloe Dara Dmitri Elena Emil Farid Freya Goran Grace Hana ' +
  'Hugo Ines Ivo Jade Jonas Karim Kofi Lena Lucia Mateo Mika Nadia Nils Omar Priya Quinn ' +
  'Rosa Sami Tara Umar Vera Wei Ximena Yusuf Zoe'
).split(' ');

/** Commands that change data: every one a call sends must be inside its transaction. */
const WRITES = new Set(
  (
    'hset hmset hsetnx hdel hincrby hincrbyfloat sadd srem smove spop sinterstore sunionstore ' +
    'sdiffstore del unlink set setnx setex psetex mset msetnx getset getdel getex append incr ' +
    'incrby incrbyfloat decr decrby rename renamenx copy restore expire pexpire expireat ' +
    'pexpireat persist lpush rpush lpushx rpushx lpop rpop lrem lset ltrim linsert lmove rpoplpush ' +
    'zadd zrem zincrby zpopmin zpopmax xadd xdel xtrim flushdb flushall'
  ).split(' '),
);
/** Commands that run a Lua script or function: Redis runs the whole script at once. */
const SCRIPT_RUNNERS = new Set(['eval', 'evalsha', 'fcall']);
/**
 * Another server's move, run by the grader in one step: KEYS user:<id> and the new city's set,
 * ARGV the id and the new city. Answers the city it found the user in.
 */
const OTHER_MOVE = `
local old = redis.call('HGET', KEYS[1], 'city')
redis.call('HSET', KEYS[1], 'city', ARGV[2])
redis.call('SREM', 'city:' .. old .. ':users', ARGV[1])
redis.call('SADD', KEYS[2], ARGV[1])
return old`;

/** `cityCount` different cities with `perCity` users each; ids and names all different. */
function population(random: Random, cityCount: number, perCity: number) {
  const cities = new Set<string>();
  while (cities.size < cityCount) cities.add(random.pick(CITIES));
  const ids = new Set<string>();
  const names = new Set<string>();
  const users: User[] = [];
  for (const city of cities) {
    for (let i = 0; i < perCity; i++) {
      let id = String(random.int(1000, 9999));
      while (ids.has(id)) id = String(random.int(1000, 9999));
      let name = random.pick(NAMES);
      while (names.has(name)) name = random.pick(NAMES);
      ids.add(id);
      names.add(name);
      users.push({ id, name, city });
    }
  }
  return { cities: [...cities], users };
}

/**
 * Cities spelt as people spell them: capitals, a space, accents. The key is `city:<city>:users`
 * with the city exactly as given, so code that trims or lower-cases it writes another key.
 */
const ODD_CITIES = ['São Paulo', 'New York', 'Den Haag', 'Saint-Étienne', 'Köln', 'Łódź'];
/** Names where sort() and localeCompare disagree: sort() puts capitals, then lower case, then accents. */
const LOWER_NAMES = ['al-Farsi', 'amélie', 'bea', 'ana'];
const ACCENTED_NAMES = ['Émile', 'Åsa', 'Ørjan', 'Çelik', 'Ñuño'];

/** Gives the `index`th city of a population, and its users, the name `city`. */
function renameCity(users: User[], cities: string[], index: number, city: string): void {
  for (const user of users) if (user.city === cities[index]) user.city = city;
  cities[index] = city;
}

/** A city none of `taken` names. */
function otherCity(random: Random, taken: readonly string[]): string {
  return random.pick(CITIES.filter((city) => !taken.includes(city)));
}

/**
 * A city of random letters, in no list: code that copied the checks' cities cannot know it.
 */
function unlistedCity(random: Random, taken: readonly string[]): string {
  let city = random.word(7);
  while (CITIES.includes(city) || taken.includes(city)) city = random.word(7);
  return city;
}

/** An id shaped like `like` that is none of `users`': nothing tells it apart by its look. */
function freshId(random: Random, like: string, users: readonly User[]): string {
  let id = random.id(like);
  while (users.some((user) => user.id === id)) id = random.id(like);
  return id;
}

/** Stores users the way the exercise asks, with the grader's own client. */
async function seed(redis: Redis, users: readonly User[]): Promise<void> {
  const transaction = redis.multi();
  for (const user of users) {
    transaction.hset(userKey(user.id), { name: user.name, city: user.city });
    transaction.sadd(cityKey(user.city), user.id);
  }
  await transaction.exec();
}

/** Users in other cities, shaped like `like`: code that searches, or touches what it should not, meets them. */
/**
 * Three users shaped like `like`, in cities of their own, none sharing an id with `users` (a
 * neighbour that took a real user's id would move that user to its city).
 */
async function seedNeighbours(
  { redis, random }: Ctx,
  like: string,
  cities: readonly string[],
  users: readonly User[],
): Promise<User[]> {
  const taken = [...users];
  for (let count = 0; count < 3; count++) {
    const neighbour = {
      id: freshId(random, like, taken),
      name: random.pick(NAMES),
      city: otherCity(random, cities),
    };
    taken.push(neighbour);
    await seed(redis, [neighbour]);
  }
  return taken.slice(users.length);
}

const sortedMembers = async (redis: Redis, key: string) => (await redis.smembers(key)).sort();
const idsIn = (users: readonly User[], city: string) =>
  users
    .filter((user) => user.city === city)
    .map((user) => user.id)
    .sort();
const namesIn = (users: readonly User[], city: string) =>
  users
    .filter((user) => user.city === city)
    .map((user) => user.name)
    .sort();

function listed(commands: readonly ExecutedCommand[]): string {
  if (commands.length === 0) return 'no commands';
  const shown = commands.slice(0, 14).map((command) => {
    const line = [command.name, ...command.args].join(' ').replace(/\s+/g, ' ');
    return command.script ? `${line} (in the script)` : line;
  });
  return commands.length > 14 ? `${shown.join(', ')}, …` : shown.join(', ');
}

/**
 * Splits what Redis ran into atomic units, each a MULTI … EXEC block or one script run (a script
 * inside a MULTI belongs to the block), and the writes that ran outside any of them.
 */
function atomicUnits(executed: readonly ExecutedCommand[]) {
  const units: ExecutedCommand[][] = [];
  const loose: ExecutedCommand[] = [];
  let block: ExecutedCommand[] | undefined;
  let script: ExecutedCommand[] | undefined;
  for (const command of executed) {
    if (command.script) {
      (block ?? script)?.push(command);
      continue;
    }
    script = undefined;
    if (command.name === 'multi') block = [];
    else if (command.name === 'exec' || command.name === 'discard') {
      if (block && command.name === 'exec') units.push(block);
      block = undefined;
    } else if (block) block.push(command);
    else if (SCRIPT_RUNNERS.has(command.name)) {
      script = [];
      units.push(script);
    } else if (WRITES.has(command.name)) loose.push(command);
  }
  return { units, loose };
}

/**
 * Fails unless every write of `what` ran inside a MULTI/EXEC or a script, and one of those wrote
 * every key of `keys`.
 */
function expectOneTransaction(
  { expect }: Ctx,
  what: string,
  executed: readonly ExecutedCommand[],
  keys: readonly string[],
): void {
  const { units, loose } = atomicUnits(executed);
  expect.ok(
    loose.length === 0,
    `${what} ran ${listed(loose)} outside MULTI … EXEC: another client could read Redis between that write and the others. Queue every write on one redis.multi() and send them with .exec() (or write them all in one Lua script). Redis ran: ${listed(executed)}`,
  );
  const writesAll = (unit: ExecutedCommand[]) =>
    keys.every((key) =>
      unit.some((command) => WRITES.has(command.name) && command.args.includes(key)),
    );
  expect.ok(
    units.some(writesAll),
    `${what} must write all of ${keys.join(', ')} in one MULTI … EXEC (or one Lua script), so that no client ever sees some changed and not the others; Redis ran: ${listed(executed)}`,
  );
}

const checks: CheckList<Exports> = [
  {
    name: 'addUser stores the user as a hash user:<id> with fields name and city',
    async run({ call, sandboxClient, redis, expect, random }) {
      const [user] = population(random, 1, 1).users;
      if (!user) throw new Error('no user generated');
      // Then a user as people and forms give them: an id with a leading zero (no number), a name
      // in lower case with a capital inside, a city with capitals, accents and a space at each end.
      // Each is stored exactly as given.
      const other = {
        id: `0${random.int(100, 999)}`,
        // Lower case first, a capital inside: tidied to either case, it changes.
        name: `${random.pick(['al-', 'de ', 'van ', "d'"])}${random.pick(NAMES)}`,
        city: ` ${random.pick(ODD_CITIES)} `,
      };
      for (const added of [user, other]) {
        await call('addUser', sandboxClient, added);
        const key = userKey(added.id);
        const given = `addUser(${JSON.stringify(added)})`;
        const type = await redis.type(key);
        expect.ok(
          type === 'hash',
          `TYPE ${key} after ${given}: expected hash, got ${type}` +
            (type === 'none'
              ? ` (Redis holds ${(await redis.keys('user:*')).map((name) => JSON.stringify(name)).join(', ') || 'no user:* key'}; the key holds the id exactly as given: an id is a string, not a number)`
              : ''),
        );
        for (const field of ['name', 'city'] as const) {
          expect.equal(
            await redis.hget(key, field),
            added[field],
            `HGET ${key} ${field} after ${given} (stored exactly as given: no trimming, no change of case)`,
          );
        }
      }
    },
  },
  {
    name: "addUser adds the user's id to the set city:<city>:users",
    async run({ call, sandboxClient, redis, expect, random }) {
      const { cities, users } = population(random, 2, random.int(2, 4));
      // One city spelt with capitals, a space or accents: its key keeps the city as given.
      renameCity(users, cities, 1, random.pick(ODD_CITIES));
      for (const user of users) await call('addUser', sandboxClient, user);
      for (const city of cities) {
        const key = cityKey(city);
        const type = await redis.type(key);
        expect.equal(
          type,
          'set',
          type === 'none'
            ? `TYPE ${key} (the key holds the city exactly as given, capitals, spaces and accents included)`
            : `TYPE ${key}`,
        );
        expect.equal(
          await sortedMembers(redis, key),
          idsIn(users, city),
          `SMEMBERS ${key} (sorted), after adding ${users.length} users in ${cities.length} cities`,
        );
      }
    },
  },
  {
    name: 'adding the same user twice leaves one id in the city set',
    async run({ call, sandboxClient, redis, expect, random }) {
      const [user] = population(random, 1, 1).users;
      if (!user) throw new Error('no user generated');
      await call('addUser', sandboxClient, user);
      await call('addUser', sandboxClient, user);
      const key = cityKey(user.city);
      expect.equal(
        await redis.type(key),
        'set',
        `TYPE ${key} (a set holds each id once; a list would hold it twice)`,
      );
      expect.equal(await redis.scard(key), 1, `SCARD ${key}, after adding user ${user.id} twice`);
    },
  },
  {
    name: 'addUser and moveUser change only the user and the city sets involved, and set no expiry',
    async run(ctx) {
      const { call, sandboxClient, redis, expect, random, snapshot, diff } = ctx;
      const { cities, users } = population(random, 2, 2);
      const [from = '', to = ''] = cities;
      const [settled, ...rest] = users;
      if (!settled) throw new Error('no user generated');
      await seed(redis, rest);
      await seedNeighbours(ctx, settled.id, cities, users);

      // The users and their index are kept until changed: an expiry would drop them a while later.
      const expectNoExpiry = (what: string, changes: SnapshotDiff) => {
        const expiring = changes.changes.filter((change) => (change.after?.pttl ?? -1) !== -1);
        expect.ok(
          expiring.length === 0,
          `${what} gave ${expiring.map((change) => `${change.key} a TTL (PTTL ${change.after?.pttl} ms)`).join(' and ')}: users and the city sets stay until code changes them, and must not expire. Write them with no EXPIRE, EX or PX`,
        );
      };

      let before = await snapshot();
      await call('addUser', sandboxClient, settled);
      let changes = diff(before, await snapshot());
      let elsewhere = changes.outside([userKey(settled.id), cityKey(settled.city)]);
      expect.ok(
        elsewhere.length === 0,
        `addUser(${JSON.stringify(settled)}) may write only ${userKey(settled.id)} and ${cityKey(settled.city)}; it also ${changes.describe(elsewhere)}`,
      );
      expectNoExpiry(`addUser(${JSON.stringify(settled)})`, changes);

      const mover = random.pick(rest.filter((user) => user.city === from));
      before = await snapshot();
      await call('moveUser', sandboxClient, mover.id, to);
      changes = diff(before, await snapshot());
      const allowed = [userKey(mover.id), cityKey(from), cityKey(to)];
      elsewhere = changes.outside(allowed);
      expect.ok(
        elsewhere.length === 0,
        `moveUser('${mover.id}', '${to}') may write only ${allowed.join(', ')}; it also ${changes.describe(elsewhere)}`,
      );
      expectNoExpiry(`moveUser('${mover.id}', '${to}')`, changes);
    },
  },
  {
    name: 'usersIn returns the names of the users in a city, sorted alphabetically',
    async run({ call, sandboxClient, redis, expect, random }) {
      const { cities, users } = population(random, 3, random.int(3, 5));
      // The city asked about is spelt with capitals, a space or accents: its key keeps it as given.
      const asked = random.int(0, cities.length - 1);
      renameCity(users, cities, asked, random.pick(ODD_CITIES));
      const city = cities[asked] ?? '';
      // A second user with the name of one already there: both are listed.
      const namesake = random.pick(users.filter((user) => user.city === city));
      users.push({ id: freshId(random, namesake.id, users), name: namesake.name, city });
      // A lower-case and an accented name: sort() puts them after every capital, where
      // localeCompare would put them among the others.
      for (const name of [random.pick(LOWER_NAMES), random.pick(ACCENTED_NAMES)]) {
        users.push({ id: freshId(random, namesake.id, users), name, city });
      }
      // A city of 150 users, more than 128, with ids that are not numbers: Redis keeps such a set
      // as a hash table, not an intset or a listpack, and SSCAN answers it a page at a time.
      const big = otherCity(random, cities);
      const crowd: User[] = [];
      const crowdIds = new Set<string>();
      while (crowdIds.size < 150) crowdIds.add(random.id('u-ab1234'));
      for (const id of crowdIds) crowd.push({ id, name: random.pick(NAMES), city: big });
      await seed(redis, [...users, ...crowd]);

      expect.equal(
        await call('usersIn', sandboxClient, city),
        namesIn(users, city),
        `usersIn(redis, '${city}'), with SMEMBERS ${cityKey(city)} holding ids ${idsIn(users, city).join(', ')} (two of them named ${namesake.name}; the key holds the city exactly as given), in sort() order (capitals first, then lower case, then accented letters)`,
      );
      const crowdNames = await call('usersIn', sandboxClient, big);
      const expected = namesIn(crowd, big);
      let at = expected.findIndex((name, index) => crowdNames[index] !== name);
      if (at === -1 && crowdNames.length !== expected.length) at = expected.length;
      expect.ok(
        at === -1,
        `usersIn(redis, '${big}') returned ${crowdNames.length} names (at position ${at}, ${JSON.stringify(crowdNames[at] ?? null)} where ${JSON.stringify(expected[at] ?? null)} was expected), where ${cityKey(big)} holds ${crowd.length} ids, each with a hash: it must return all ${expected.length} names, sorted. A set this large answers SSCAN a page at a time: read it whole with SMEMBERS, or call SSCAN again until the cursor comes back 0`,
      );
      const empty = otherCity(random, [...cities, big]);
      expect.equal(
        await call('usersIn', sandboxClient, empty),
        [],
        `usersIn(redis, '${empty}'), a city nobody lives in (no key ${cityKey(empty)})`,
      );
    },
  },
  {
    name: 'usersIn reads Redis on every call',
    async run({ call, sandboxClient, redis, expect, random }) {
      const { cities, users } = population(random, 2, 3);
      const [city = '', elsewhere = ''] = cities;
      await seed(redis, users);
      expect.equal(
        await call('usersIn', sandboxClient, city),
        namesIn(users, city),
        `usersIn(redis, '${city}')`,
      );
      // A city nobody lives in yet: code that remembers it as empty misses whoever moves there.
      const empty = otherCity(random, cities);
      expect.equal(
        await call('usersIn', sandboxClient, empty),
        [],
        `usersIn(redis, '${empty}'), a city nobody lives in (no key ${cityKey(empty)})`,
      );

      // Another server moves one user away, to the empty city, and one in, and renames one who
      // stays: names remembered by id would show the old name.
      const [leaver, renamed] = users.filter((user) => user.city === city);
      const newcomer = random.pick(users.filter((user) => user.city === elsewhere));
      if (!leaver || !renamed) throw new Error('too few users generated');
      let newName = random.pick(NAMES);
      while (users.some((user) => user.name === newName)) newName = random.pick(NAMES);
      await redis
        .multi()
        .hset(userKey(leaver.id), 'city', empty)
        .smove(cityKey(city), cityKey(empty), leaver.id)
        .hset(userKey(newcomer.id), 'city', city)
        .smove(cityKey(elsewhere), cityKey(city), newcomer.id)
        .hset(userKey(renamed.id), 'name', newName)
        .exec();
      const oldName = renamed.name;
      leaver.city = empty;
      newcomer.city = city;
      renamed.name = newName;
      expect.equal(
        await call('usersIn', sandboxClient, city),
        namesIn(users, city),
        `usersIn(redis, '${city}') again, after another client moved ${leaver.name} away and ${newcomer.name} in, and renamed ${oldName} (id ${renamed.id}) to ${newName}: read the ids and the names from Redis on every call`,
      );
      expect.equal(
        await call('usersIn', sandboxClient, empty),
        [leaver.name],
        `usersIn(redis, '${empty}') again, after another client moved ${leaver.name} there (HSET ${userKey(leaver.id)} city ${empty}, SMOVE to ${cityKey(empty)}): a city empty once may not be empty now; read its set on every call`,
      );
    },
  },
  {
    name: 'usersIn skips ids whose hash is gone, and writes nothing else',
    async run({ call, sandboxClient, redis, expect, random, snapshot, diff }) {
      const { cities, users } = population(random, 2, 3);
      const [city = '', away = ''] = cities;
      await seed(redis, users);
      const resident = random.pick(users.filter((user) => user.city === city));
      const first = freshId(random, resident.id, users);
      const stale = [first, freshId(random, resident.id, [...users, { ...resident, id: first }])];
      // Also the id of a user whose hash names another city (a move another server is making,
      // say): its hash is there, so it is no id usersIn may take out.
      const elsewhere = random.pick(users.filter((user) => user.city === away));
      await redis.sadd(cityKey(city), ...stale, elsewhere.id);

      const before = await snapshot();
      const names = await call('usersIn', sandboxClient, city);
      // Whether that user is listed the statement leaves open: both answers pass.
      const expected = namesIn(users, city);
      const withElsewhere = [...expected, elsewhere.name].sort();
      expect.equal(
        JSON.stringify(names) === JSON.stringify(withElsewhere) ? expected : names,
        expected,
        `usersIn(redis, '${city}'), where ${cityKey(city)} also holds ${stale.join(' and ')}, ids with no hash ${stale.map(userKey).join(' or ')}, and ${elsewhere.id}, whose hash names ${away} (its name ${elsewhere.name} may be listed or not)`,
      );
      const changes = diff(before, await snapshot());
      const outside = changes.outside([cityKey(city)]);
      expect.ok(
        outside.length === 0,
        `usersIn only reads (it may take an id with no hash out of the set); it ${changes.describe(outside)}`,
      );
      const left = await sortedMembers(redis, cityKey(city));
      const kept = [...idsIn(users, city), elsewhere.id].sort();
      expect.ok(
        kept.every((id) => left.includes(id)) &&
          left.every((id) => kept.includes(id) || stale.includes(id)),
        `usersIn may remove only the ids with no hash (${stale.join(', ')}) from ${cityKey(city)}; SMEMBERS ${cityKey(city)} (sorted) now holds ${left.join(', ') || 'nothing'}, where it must keep ${kept.join(', ')}: ${kept.filter((id) => !left.includes(id)).join(', ') || 'none'} went missing (${elsewhere.id}'s hash names ${away}, but the hash is there: leave its id alone, it is not usersIn's to fix)`,
      );
    },
  },
  {
    name: 'no function searches the database with KEYS or SCAN',
    logExecuted: true,
    async run(ctx) {
      const { call, sandboxClient, redis, executed, expect, random } = ctx;
      const { cities, users } = population(random, 2, 3);
      const [from = '', to = ''] = cities;
      await seed(redis, users);
      const neighbours = await seedNeighbours(ctx, users[0]?.id ?? '1000', cities, users);
      const newcomer = {
        id: freshId(random, users[0]?.id ?? '1000', [...users, ...neighbours]),
        name: random.pick(NAMES),
        city: from,
      };
      const mover = random.pick(users.filter((user) => user.city === from));

      const ran: [string, readonly ExecutedCommand[]][] = [];
      let seen = 0;
      const track = async (what: string, done: Promise<unknown>) => {
        await done;
        const all = await executed();
        ran.push([what, all.slice(seen)]);
        seen = all.length;
      };
      await track(`addUser(${newcomer.id})`, call('addUser', sandboxClient, newcomer));
      await track(`usersIn('${from}')`, call('usersIn', sandboxClient, from));
      // A city nobody lives in: an empty set is an answer, not a reason to search.
      const empty = otherCity(random, [...cities, ...neighbours.map((user) => user.city)]);
      await track(
        `usersIn('${empty}') (a city nobody lives in)`,
        call('usersIn', sandboxClient, empty),
      );
      await track(
        `moveUser('${mover.id}', '${to}')`,
        call('moveUser', sandboxClient, mover.id, to),
      );
      for (const [what, commands] of ran) {
        const searches = commands.filter(
          (command) => command.name === 'keys' || command.name === 'scan',
        );
        expect.ok(
          searches.length === 0,
          `${what} ran ${listed(searches)}: KEYS and SCAN walk every key in the database, which gets slower with every user, in a script too. Read the city's set (an empty or missing set means nobody lives there), or the user's hash for the old city. Redis ran: ${listed(commands)}`,
        );
      }
    },
  },
  {
    name: 'moveUser sets the new city in the hash and adds the id to the new city set',
    async run({ call, sandboxClient, redis, expect, random }) {
      const { cities, users } = population(random, 2, 3);
      // The new city is spelt with capitals, a space or accents, with a space at each end (as a
      // form may send it): its key keeps it as given.
      renameCity(users, cities, 1, ` ${random.pick(ODD_CITIES)} `);
      await seed(redis, users);
      const [from = '', to = ''] = cities;
      const mover = random.pick(users.filter((user) => user.city === from));
      await call('moveUser', sandboxClient, mover.id, to);

      expect.equal(
        await redis.hget(userKey(mover.id), 'city'),
        to,
        `HGET ${userKey(mover.id)} city, after moving user ${mover.id} from ${from} to ${to}`,
      );
      expect.equal(
        await redis.hget(userKey(mover.id), 'name'),
        mover.name,
        `HGET ${userKey(mover.id)} name (the name must not change)`,
      );
      expect.equal(
        await sortedMembers(redis, cityKey(to)),
        [...idsIn(users, to), mover.id].sort(),
        `SMEMBERS ${cityKey(to)} (sorted), after moving user ${mover.id} there (the key holds the city exactly as given, capitals, spaces and accents included)`,
      );
    },
  },
  {
    name: "moveUser removes the id from the old city's set",
    async run({ call, sandboxClient, redis, expect, random }) {
      const { cities, users } = population(random, 2, 3);
      // The city left is spelt with capitals, a space or accents: its key keeps it as given.
      renameCity(users, cities, 0, random.pick(ODD_CITIES));
      await seed(redis, users);
      const [from = '', to = ''] = cities;
      const mover = random.pick(users.filter((user) => user.city === from));
      // An id with no hash in the old city's set: addUser may store it again at any moment, so
      // a move leaves it where it is.
      const stale = freshId(random, mover.id, users);
      await redis.sadd(cityKey(from), stale);
      await call('moveUser', sandboxClient, mover.id, to);

      const stayed = [...idsIn(users, from).filter((id) => id !== mover.id), stale].sort();
      expect.equal(
        await sortedMembers(redis, cityKey(from)),
        stayed,
        `SMEMBERS ${cityKey(from)} (sorted), after moving user ${mover.id} from ${from} to ${to}, where the set also held ${stale}, an id with no hash: a move takes out its own user's id and nothing else`,
      );

      // Another server moves the user on; the next move must start from the city the hash names
      // now, not from the one this code last wrote.
      const third = otherCity(random, cities);
      await redis
        .multi()
        .hset(userKey(mover.id), 'city', third)
        .smove(cityKey(to), cityKey(third), mover.id)
        .exec();
      await call('moveUser', sandboxClient, mover.id, from);
      const holding: string[] = [];
      for (const city of [from, to, third]) {
        if (await redis.sismember(cityKey(city), mover.id)) holding.push(city);
      }
      expect.ok(
        holding.length === 1 && holding[0] === from,
        `after moveUser moved user ${mover.id} to ${to}, another client moved them to ${third} (HSET ${userKey(mover.id)} city ${third}, SMOVE to ${cityKey(third)}); then moveUser('${mover.id}', '${from}') left the id in the sets of ${holding.join(' and ') || 'no city'}. Read the old city from the hash on every move (under WATCH), not from memory: another server may have moved the user since`,
      );
    },
  },
  {
    name: 'addUser sends every write inside one MULTI/EXEC',
    logExecuted: true,
    async run(ctx) {
      const { call, sandboxClient, executed, random } = ctx;
      const [user] = population(random, 1, 1).users;
      if (!user) throw new Error('no user generated');
      await call('addUser', sandboxClient, user);
      expectOneTransaction(ctx, `addUser(${JSON.stringify(user)})`, await executed(), [
        userKey(user.id),
        cityKey(user.city),
      ]);
    },
  },
  {
    name: 'moveUser sends every write inside one MULTI/EXEC',
    logExecuted: true,
    async run(ctx) {
      const { call, sandboxClient, redis, executed, random } = ctx;
      const { cities, users } = population(random, 2, 2);
      const [from = '', to = ''] = cities;
      await seed(redis, users);
      const mover = random.pick(users.filter((user) => user.city === from));
      await call('moveUser', sandboxClient, mover.id, to);
      expectOneTransaction(ctx, `moveUser('${mover.id}', '${to}')`, await executed(), [
        userKey(mover.id),
        cityKey(from),
        cityKey(to),
      ]);
    },
  },
  {
    name: 'two moves of one user at the same time leave the id in exactly one city set',
    async run({ race, sandboxClient, redis, expect, random }) {
      const { cities, users } = population(random, 3, 2);
      // Destinations in no list: code that clears the id from every city it knows of, instead
      // of watching the one it read, leaves it in these.
      renameCity(users, cities, 1, unlistedCity(random, cities));
      renameCity(users, cities, 2, unlistedCity(random, cities));
      const [from = '', first = '', second = ''] = cities;
      const mover = random.pick(users.filter((user) => user.city === from));
      await race({
        calls: [
          ['moveUser', sandboxClient, mover.id, first],
          ['moveUser', sandboxClient, mover.id, second],
        ],
        labels: [`moveUser(${mover.id}→${first})`, `moveUser(${mover.id}→${second})`],
        setup: () => seed(redis, users),
        verify: async (results) => {
          // A move that threw did not happen: the user ends in the city of a move that returned.
          const destinations = [first, second].filter((_, index) => !results[index]?.threw);
          const allowed = destinations.length > 0 ? destinations : [from];
          const city = await redis.hget(userKey(mover.id), 'city');
          const holding: string[] = [];
          for (const name of cities) {
            if (await redis.sismember(cityKey(name), mover.id)) holding.push(name);
          }
          expect.ok(
            city !== null && allowed.includes(city) && holding.length === 1 && holding[0] === city,
            `user ${mover.id} lived in ${from} and was moved to ${first} and to ${second} at the same time: afterwards HGET ${userKey(mover.id)} city answers ${city}, and the id is in the sets of ${holding.length === 0 ? 'no city' : holding.join(' and ')}. It must be in one set, the city the hash names, and that of a move that returned: WATCH ${userKey(mover.id)} before reading the old city, and read it again when EXEC answers null`,
          );
        },
      });
    },
  },
  {
    name: 'a move whose transaction was aborted tries again instead of giving up',
    async run({ race, sandboxClient, redis, expect, random }) {
      const { cities, users } = population(random, 2, 2);
      const [from = '', to = ''] = cities;
      const third = unlistedCity(random, cities);
      const mover = random.pick(users.filter((user) => user.city === from));
      const key = userKey(mover.id);
      let renamed = random.pick(NAMES);
      while (users.some((user) => user.name === renamed)) renamed = random.pick(NAMES);
      await race({
        calls: [['moveUser', sandboxClient, mover.id, to]],
        labels: [`moveUser(${mover.id}→${to})`],
        // Three writes of the hash by other servers, each aborting a WATCH on it: the name written
        // again unchanged, as addUser writing the same user again would, a rename, then a move to
        // a third city, in one script, that answers the city it found. A move that gives up after
        // two or three tries returns unmoved; one that WATCHes once, before its loop, retries
        // unwatched, and the other move slips in between its read and its write; one that writes
        // back a name it read earlier undoes the rename.
        interject: [
          ['HSET', key, 'name', mover.name],
          ['HSET', key, 'name', renamed],
          ['EVAL', OTHER_MOVE, '2', key, cityKey(third), mover.id, third],
        ],
        // Three writes make hundreds of interleavings; those that abort one try after another
        // come first in turn, and these are the ones a wrong retry loop fails.
        maxInterleavings: 12,
        setup: () => seed(redis, users),
        verify: async ([move], steps) => {
          // An aborted EXEC is no reason to search: the hash names the one set to fix.
          const searches = steps
            .filter((step) => step.by !== 'grader')
            .flatMap((step) => step.commands)
            .filter((command) => ['keys', 'scan'].includes(command.name.toLowerCase()));
          expect.ok(
            searches.length === 0,
            `moveUser(${mover.id} to ${to}), while another client wrote ${key}, ran ${searches.map((command) => [command.name, ...command.args].join(' ')).join(', ')}: KEYS and SCAN walk every key in the database, after an aborted EXEC too. When EXEC answers null, WATCH the hash again and read its city: that names the one set the id is in`,
          );
          const name = await redis.hget(key, 'name');
          expect.ok(
            name === renamed,
            `moveUser(${mover.id} to ${to}) ran while another client renamed user ${mover.id} from ${mover.name} to ${renamed} (HSET ${key} name ${renamed}); afterwards HGET ${key} name answers ${name}. A move sets the hash's city field only: it must not write back a name it read earlier`,
          );
          const city = await redis.hget(key, 'city');
          const holding: string[] = [];
          for (const name of [from, to, third]) {
            if (await redis.sismember(cityKey(name), mover.id)) holding.push(name);
          }
          const other = steps.find(
            (step) => step.by === 'grader' && step.commands[0]?.name.toLowerCase() === 'eval',
          );
          const found = other?.reply && 'value' in other.reply ? other.reply.value : undefined;
          // The move took effect if the user ends in its city, or the other move found them there.
          const moved = city === to || found === to;
          const consistent = city !== null && holding.length === 1 && holding[0] === city;
          expect.ok(
            consistent && (move.threw === undefined ? moved : !moved),
            `moveUser(${mover.id} to ${to}) ${move.threw === undefined ? 'returned' : `threw (${move.threw})`} while other clients wrote ${key} three times: HSET ${key} name ${mover.name} (unchanged), HSET ${key} name ${renamed}, then a move to ${third} (a script that found the user in ${found}); afterwards HGET ${key} city answers ${city}, and the id is in the sets of ${holding.join(' and ') || 'no city'}. ${consistent ? 'A move that returns must have moved the user: when EXEC answers null because the watched hash changed, WATCH it again, read the city again and retry, as many times as it takes (or throw, so that the caller knows).' : 'The id must be in one set, the city the hash names: WATCH the hash inside the retry loop, before each read of the city, since EXEC (even one that answers null) ends every WATCH.'}`,
          );
        },
      });
    },
  },
  {
    name: "addUser at the same time as usersIn or moveUser leaves the new user's id in its city set",
    async run({ race, sandboxClient, redis, expect, random }) {
      const { cities, users } = population(random, 2, 1);
      const [city = '', to = ''] = cities;
      const [resident] = users.filter((user) => user.city === city);
      if (!resident) throw new Error('no user generated');
      const newcomer = { id: freshId(random, resident.id, users), name: random.pick(NAMES), city };
      const expectListed = async (what: string) => {
        const hash = await redis.hget(userKey(newcomer.id), 'city');
        const listed = await redis.sismember(cityKey(city), newcomer.id);
        expect.ok(
          hash === city && listed === 1,
          `${what}; afterwards HGET ${userKey(newcomer.id)} city answers ${hash}, and ${cityKey(city)} ${listed ? 'holds' : 'does not hold'} ${newcomer.id}: the new user cannot be found in their city`,
        );
      };

      // The id is in the set with no hash (code that deleted a user forgot the index), and a new
      // user takes it: usersIn may remove it only while the hash is still gone.
      await race({
        calls: [
          ['usersIn', sandboxClient, city],
          ['addUser', sandboxClient, newcomer],
        ],
        labels: [`usersIn(${city})`, `addUser(${newcomer.id} in ${city})`],
        setup: async () => {
          await seed(redis, users);
          await redis.sadd(cityKey(city), newcomer.id);
        },
        verify: async ([read, add]) => {
          expect.ok(add.threw === undefined, `addUser threw: ${add.threw}`);
          expect.ok(read.threw === undefined, `usersIn threw: ${read.threw}`);
          await expectListed(
            `${cityKey(city)} held ${resident.id} and ${newcomer.id}, an id with no hash, while usersIn('${city}') ran and addUser stored user ${newcomer.id} in ${city}. usersIn may take an id out of the set only while its hash is gone: check and remove in one step (a Lua script, or WATCH on the hash), or leave the set alone`,
          );
        },
      });

      // The mover is the last one in the city: the set it leaves must keep the one added now.
      await race({
        calls: [
          ['moveUser', sandboxClient, resident.id, to],
          ['addUser', sandboxClient, newcomer],
        ],
        labels: [`moveUser(${resident.id}→${to})`, `addUser(${newcomer.id} in ${city})`],
        setup: () => seed(redis, users),
        verify: async ([move, add]) => {
          expect.ok(add.threw === undefined, `addUser threw: ${add.threw}`);
          expect.ok(move.threw === undefined, `moveUser threw: ${move.threw}`);
          await expectListed(
            `user ${resident.id} was the only one in ${city}, and moveUser moved them to ${to} while addUser stored user ${newcomer.id} in ${city}. A move may take only its own user's id out of the old city's set (SREM), never the set itself (DEL)`,
          );
        },
      });
    },
  },
];

export default checks;
