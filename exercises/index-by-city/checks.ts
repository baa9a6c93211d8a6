import type Redis from 'ioredis';
import type { CheckContext, CheckList, ExecutedCommand, Random } from '../../grader/checks/api.ts';

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

/** A city none of `taken` names. */
function otherCity(random: Random, taken: readonly string[]): string {
  return random.pick(CITIES.filter((city) => !taken.includes(city)));
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
      await call('addUser', sandboxClient, user);
      const key = userKey(user.id);
      expect.equal(await redis.type(key), 'hash', `TYPE ${key}`);
      expect.equal(await redis.hget(key, 'name'), user.name, `HGET ${key} name`);
      expect.equal(await redis.hget(key, 'city'), user.city, `HGET ${key} city`);
    },
  },
  {
    name: "addUser adds the user's id to the set city:<city>:users",
    async run({ call, sandboxClient, redis, expect, random }) {
      const { cities, users } = population(random, 2, random.int(2, 4));
      for (const user of users) await call('addUser', sandboxClient, user);
      for (const city of cities) {
        const key = cityKey(city);
        expect.equal(await redis.type(key), 'set', `TYPE ${key}`);
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
    name: 'addUser and moveUser change only the user and the city sets involved',
    async run(ctx) {
      const { call, sandboxClient, redis, expect, random, snapshot, diff } = ctx;
      const { cities, users } = population(random, 2, 2);
      const [from = '', to = ''] = cities;
      const [settled, ...rest] = users;
      if (!settled) throw new Error('no user generated');
      await seed(redis, rest);
      await seedNeighbours(ctx, settled.id, cities, users);

      let before = await snapshot();
      await call('addUser', sandboxClient, settled);
      let changes = diff(before, await snapshot());
      let elsewhere = changes.outside([userKey(settled.id), cityKey(settled.city)]);
      expect.ok(
        elsewhere.length === 0,
        `addUser(${JSON.stringify(settled)}) may write only ${userKey(settled.id)} and ${cityKey(settled.city)}; it also ${changes.describe(elsewhere)}`,
      );

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
    },
  },
  {
    name: 'usersIn returns the names of the users in a city, sorted alphabetically',
    async run({ call, sandboxClient, redis, expect, random }) {
      const { cities, users } = population(random, 3, random.int(3, 5));
      const city = random.pick(cities);
      // A second user with the name of one already there: both are listed.
      const namesake = random.pick(users.filter((user) => user.city === city));
      users.push({ id: freshId(random, namesake.id, users), name: namesake.name, city });
      await seed(redis, users);

      expect.equal(
        await call('usersIn', sandboxClient, city),
        namesIn(users, city),
        `usersIn(redis, '${city}'), with SMEMBERS ${cityKey(city)} holding ids ${idsIn(users, city).join(', ')} (two of them named ${namesake.name})`,
      );
      const empty = otherCity(random, cities);
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

      // Another server adds one user there and moves one away.
      const leaver = random.pick(users.filter((user) => user.city === city));
      const newcomer = random.pick(users.filter((user) => user.city === elsewhere));
      await redis
        .multi()
        .hset(userKey(leaver.id), 'city', elsewhere)
        .smove(cityKey(city), cityKey(elsewhere), leaver.id)
        .hset(userKey(newcomer.id), 'city', city)
        .smove(cityKey(elsewhere), cityKey(city), newcomer.id)
        .exec();
      leaver.city = elsewhere;
      newcomer.city = city;
      expect.equal(
        await call('usersIn', sandboxClient, city),
        namesIn(users, city),
        `usersIn(redis, '${city}') again, after another client moved ${leaver.name} away and ${newcomer.name} in`,
      );
    },
  },
  {
    name: 'usersIn skips ids whose hash is gone, and writes nothing else',
    async run({ call, sandboxClient, redis, expect, random, snapshot, diff }) {
      const { cities, users } = population(random, 2, 3);
      const [city = ''] = cities;
      await seed(redis, users);
      const resident = random.pick(users.filter((user) => user.city === city));
      const first = freshId(random, resident.id, users);
      const stale = [first, freshId(random, resident.id, [...users, { ...resident, id: first }])];
      await redis.sadd(cityKey(city), ...stale);

      const before = await snapshot();
      const names = await call('usersIn', sandboxClient, city);
      expect.equal(
        names,
        namesIn(users, city),
        `usersIn(redis, '${city}'), where ${cityKey(city)} also holds ${stale.join(' and ')}, ids with no hash ${stale.map(userKey).join(' or ')}`,
      );
      const changes = diff(before, await snapshot());
      const elsewhere = changes.outside([cityKey(city)]);
      expect.ok(
        elsewhere.length === 0,
        `usersIn only reads (it may take an id with no hash out of the set); it ${changes.describe(elsewhere)}`,
      );
      const left = await sortedMembers(redis, cityKey(city));
      const live = idsIn(users, city);
      expect.ok(
        live.every((id) => left.includes(id)) &&
          left.every((id) => live.includes(id) || stale.includes(id)),
        `usersIn may remove only the ids with no hash from ${cityKey(city)}; SMEMBERS ${cityKey(city)} (sorted) now holds ${left.join(', ')}, where ${live.join(', ')} live there`,
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
          `${what} ran ${listed(searches)}: KEYS and SCAN walk every key in the database, which gets slower with every user, in a script too. Read the city set ${cityKey(from)}, or the user's hash for the old city. Redis ran: ${listed(commands)}`,
        );
      }
    },
  },
  {
    name: 'moveUser sets the new city in the hash and adds the id to the new city set',
    async run({ call, sandboxClient, redis, expect, random }) {
      const { cities, users } = population(random, 2, 3);
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
        `SMEMBERS ${cityKey(to)} (sorted), after moving user ${mover.id} there`,
      );
    },
  },
  {
    name: "moveUser removes the id from the old city's set",
    async run({ call, sandboxClient, redis, expect, random }) {
      const { cities, users } = population(random, 2, 3);
      await seed(redis, users);
      const [from = '', to = ''] = cities;
      const mover = random.pick(users.filter((user) => user.city === from));
      await call('moveUser', sandboxClient, mover.id, to);

      const stayed = idsIn(users, from).filter((id) => id !== mover.id);
      expect.equal(
        await sortedMembers(redis, cityKey(from)),
        stayed,
        `SMEMBERS ${cityKey(from)} (sorted), after moving user ${mover.id} from ${from} to ${to}`,
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
      const mover = random.pick(users.filter((user) => user.city === from));
      // Re-adding the user unchanged writes user:<id>, so a WATCH on it aborts the move's EXEC.
      await race({
        calls: [
          ['moveUser', sandboxClient, mover.id, to],
          ['addUser', sandboxClient, { ...mover }],
        ],
        labels: [`moveUser(${mover.id}→${to})`, `addUser(${mover.id} in ${from}, unchanged)`],
        setup: () => seed(redis, users),
        verify: async ([move, add]) => {
          expect.ok(add.threw === undefined, `addUser threw: ${add.threw}`);
          const state = {
            city: await redis.hget(userKey(mover.id), 'city'),
            [from]: (await redis.sismember(cityKey(from), mover.id)) === 1,
            [to]: (await redis.sismember(cityKey(to), mover.id)) === 1,
          };
          const moveLast = { city: to, [from]: false, [to]: true };
          const addLast = { city: from, [from]: true, [to]: true };
          const noMove = { city: from, [from]: true, [to]: false };
          const same = (a: object, b: object) => JSON.stringify(a) === JSON.stringify(b);
          const possible = move.threw === undefined ? [moveLast, addLast] : [moveLast, noMove];
          expect.ok(
            possible.some((end) => same(state, end)),
            `moveUser(${mover.id} to ${to}) ${move.threw === undefined ? 'returned' : `threw (${move.threw})`} while addUser wrote ${userKey(mover.id)} again; afterwards HGET ${userKey(mover.id)} city answers ${state.city}, and the id is ${state[to] ? '' : 'not '}in ${cityKey(to)}${state[from] ? ` and still in ${cityKey(from)}` : ''}. A move that returns must have moved the user: when EXEC answers null because the watched hash changed, read the city again and retry (or throw, so that the caller knows).`,
          );
        },
      });
    },
  },
];

export default checks;
