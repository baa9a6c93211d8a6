import type Redis from 'ioredis';
import type { CheckContext, CheckList, LoggedCommand, Random } from '../../grader/checks/api.ts';

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

/** `cityCount` different cities with `perCity` users each; ids and names all different. */
function population(random: Random, cityCount: number, perCity: number) {
  const cities = new Set<string>();
  while (cities.size < cityCount) cities.add(random.pick(CITIES));
  const ids = new Set<string>();
  const names = new Set<string>();
  const users: User[] = [];
  for (const city of cities) {
    for (let i = 0; i < perCity; i++) {
      let id = String(random.int(1, 9999));
      while (ids.has(id)) id = String(random.int(1, 9999));
      let name = random.pick(NAMES);
      while (names.has(name)) name = random.pick(NAMES);
      ids.add(id);
      names.add(name);
      users.push({ id, name, city });
    }
  }
  return { cities: [...cities], users };
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

async function sortedMembers(redis: Redis, key: string): Promise<string[]> {
  return (await redis.smembers(key)).sort();
}

/** The commands of each MULTI … EXEC block in the log, in order. */
function transactionsIn(commands: readonly LoggedCommand[]): LoggedCommand[][] {
  const blocks: LoggedCommand[][] = [];
  let open: LoggedCommand[] | undefined;
  for (const command of commands) {
    if (command.name === 'multi') open = [];
    else if (command.name === 'exec' || command.name === 'discard') {
      if (open && command.name === 'exec') blocks.push(open);
      open = undefined;
    } else open?.push(command);
  }
  return blocks;
}

/** Whether one MULTI … EXEC block in `commands` names every key of `keys`. */
function oneTransactionWrites(commands: readonly LoggedCommand[], keys: readonly string[]) {
  return transactionsIn(commands).some((block) =>
    keys.every((key) => block.some((command) => command.args.includes(key))),
  );
}

/**
 * Calls usersIn on an index the check stored itself, as a set. Code that keeps the index as
 * another type gets WRONGTYPE from Redis: that is reported as a failure that says why.
 */
async function usersInSeeded(
  { call, sandboxClient, expect }: CheckContext<Exports>,
  city: string,
): Promise<string[]> {
  try {
    return await call('usersIn', sandboxClient, city);
  } catch (error) {
    if (!/WRONGTYPE/.test((error as Error).message)) throw error;
    expect.ok(
      false,
      `usersIn('${city}') failed with WRONGTYPE: this check stored ${cityKey(city)} as a set of ids, as the exercise asks, and your code read it as another type. Read a set with SMEMBERS.`,
    );
    throw error;
  }
}

function listed(commands: readonly LoggedCommand[]): string {
  if (commands.length === 0) return 'no commands';
  const shown = commands.slice(0, 12).map((command) => [command.name, ...command.args].join(' '));
  return commands.length > 12 ? `${shown.join(', ')}, …` : shown.join(', ');
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
        const ids = users.filter((user) => user.city === city).map((user) => user.id);
        expect.equal(await redis.type(key), 'set', `TYPE ${key}`);
        expect.equal(
          await sortedMembers(redis, key),
          ids.sort(),
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
    name: 'usersIn returns the names of the users in a city, sorted alphabetically',
    async run(ctx) {
      const { redis, expect, random } = ctx;
      const { cities, users } = population(random, 3, random.int(3, 5));
      await seed(redis, users);
      const city = random.pick(cities);
      const expected = users
        .filter((user) => user.city === city)
        .map((user) => user.name)
        .sort();
      const names = await usersInSeeded(ctx, city);
      expect.equal(
        names,
        expected,
        `usersIn(redis, '${city}'), with SMEMBERS ${cityKey(city)} holding ids ${(await sortedMembers(redis, cityKey(city))).join(', ')}`,
      );

      const empty = random.pick(CITIES.filter((name) => !cities.includes(name)));
      expect.equal(
        await usersInSeeded(ctx, empty),
        [],
        `usersIn(redis, '${empty}'), a city nobody lives in`,
      );
    },
  },
  {
    name: 'usersIn reads the city set instead of searching the keys',
    async run(ctx) {
      const { redis, commands, expect, random } = ctx;
      const { cities, users } = population(random, 3, 3);
      await seed(redis, users);
      const city = random.pick(cities);
      await usersInSeeded(ctx, city);
      const sent = commands();
      const searches = sent.filter((command) => command.name === 'keys' || command.name === 'scan');
      expect.ok(
        searches.length === 0,
        `usersIn sent ${listed(searches)}. KEYS and SCAN walk through every key in the database, which gets slower with every user; read the ids from the set ${cityKey(city)} instead. It sent: ${listed(sent)}`,
      );
      expect.ok(
        sent.some((command) => command.args.includes(cityKey(city))),
        `usersIn('${city}') never read the key ${cityKey(city)}; it sent: ${listed(sent)}`,
      );
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
      const expected = [
        ...users.filter((user) => user.city === to).map((user) => user.id),
        mover.id,
      ];
      expect.equal(
        await sortedMembers(redis, cityKey(to)),
        expected.sort(),
        `SMEMBERS ${cityKey(to)} (sorted), after moving user ${mover.id} there`,
      );
    },
  },
  {
    name: "moveUser removes the id from the old city's set",
    async run(ctx) {
      const { call, sandboxClient, redis, expect, random } = ctx;
      const { cities, users } = population(random, 2, 3);
      await seed(redis, users);
      const [from = '', to = ''] = cities;
      const mover = random.pick(users.filter((user) => user.city === from));
      await call('moveUser', sandboxClient, mover.id, to);

      const stayed = users
        .filter((user) => user.city === from && user.id !== mover.id)
        .map((user) => user.id);
      expect.equal(
        await sortedMembers(redis, cityKey(from)),
        stayed.sort(),
        `SMEMBERS ${cityKey(from)} (sorted), after moving user ${mover.id} from ${from} to ${to}`,
      );
      const names = await usersInSeeded(ctx, from);
      expect.ok(
        Array.isArray(names) && !names.includes(mover.name),
        `usersIn(redis, '${from}') still lists ${mover.name}, who moved to ${to}: ${JSON.stringify(names)}`,
      );
    },
  },
  {
    name: 'addUser and moveUser write the hash and the index in one MULTI/EXEC',
    async run({ call, sandboxClient, redis, commands, expect, random }) {
      const { cities, users } = population(random, 2, 1);
      const [user] = users;
      const [, other = ''] = cities;
      if (!user) throw new Error('no user generated');

      await call('addUser', sandboxClient, user);
      const added = [userKey(user.id), cityKey(user.city)];
      expect.ok(
        oneTransactionWrites(commands(), added),
        `addUser sent no MULTI … EXEC that writes both ${added.join(' and ')}; it sent: ${listed(commands())}. Queue the HSET and the SADD on one redis.multi() and send them with .exec(), so that nobody ever sees the user without the index entry.`,
      );

      // Stored again by the check, so that moveUser finds the user whatever addUser wrote.
      await seed(redis, [user]);
      const sentBefore = commands().length;
      await call('moveUser', sandboxClient, user.id, other);
      const moved = commands().slice(sentBefore);
      const changed = [userKey(user.id), cityKey(user.city), cityKey(other)];
      expect.ok(
        oneTransactionWrites(moved, changed),
        `moveUser sent no MULTI … EXEC that writes all three of ${changed.join(', ')}; it sent: ${listed(moved)}. Read the old city first, then queue the HSET, the SREM and the SADD on one redis.multi() and send them with .exec().`,
      );
    },
  },
];

export default checks;
