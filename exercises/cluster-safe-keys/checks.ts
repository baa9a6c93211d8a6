import type Redis from 'ioredis';
import type {
  CheckContext,
  CheckList,
  ExecutedCommand,
  LoggedCommand,
  RaceOutcome,
  Random,
} from '../../grader/checks/api.ts';

interface Exports {
  cartKeys(user: string): { cart: string; orders: string };
  orderKey(user: string, orderId: string): string;
  addToCart(redis: Redis, user: string, item: string, quantity: number): Promise<number>;
  checkout(redis: Redis, user: string, orderId: string): Promise<boolean>;
}

type Context = CheckContext<Exports>;

const CART_SECONDS = 7 * 24 * 60 * 60;
const SLOTS = 16_384;

// ---------------------------------------------------------------------------------------------
// Hash slots, computed here as Redis Cluster computes them (src/cluster.c, keyHashSlot), so that
// the checks need no cluster: CRC16 in its XMODEM form (polynomial 0x1021, starting at 0) of the
// key's hashed part, modulo 16384. (The cluster-key-slot package that ioredis uses differs from
// Redis for a key whose first {} is empty, as in `{}{b}`: Redis hashes the whole key.)

function crc16(bytes: Uint8Array): number {
  let crc = 0;
  for (const byte of bytes) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++) {
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
    }
  }
  return crc;
}

/** What Redis hashes: between the first `{` and the first `}` after it if not empty, else all. */
function hashedPart(key: string): string {
  const open = key.indexOf('{');
  if (open === -1) return key;
  const close = key.indexOf('}', open + 1);
  if (close === -1 || close === open + 1) return key;
  return key.slice(open + 1, close);
}

const slotOf = (key: string) => crc16(Buffer.from(hashedPart(key), 'utf8')) % SLOTS;

/** `cart:{ada} (slot 1234, from "ada")`, for messages. */
const withSlot = (key: string) => `${key} (slot ${slotOf(key)}, from "${hashedPart(key)}")`;

// ---------------------------------------------------------------------------------------------
// Data

/** A user id as the statement allows: lower-case letters, then digits. */
const userId = (random: Random) => `${random.word(random.int(3, 5))}${random.int(1, 999)}`;
/**
 * One user id of each shape the statement allows (letters and digits in any order, either alone),
 * in every grading: code that parses `ada42` as a name and a number fails for the others.
 */
const usersOfEveryShape = (random: Random) => [
  userId(random),
  random.word(random.int(3, 6)),
  String(random.int(1, 99_999)),
  `${random.int(1, 999)}${random.word(3)}`,
  `${random.word(2)}${random.int(1, 9)}${random.word(2)}${random.int(1, 9)}`,
];
const orderIdOf = (random: Random) => `o-${random.int(1000, 99_999)}`;

/**
 * Order ids the statement allows that trip a name built carelessly: the words of the user's own
 * key names (`orders`, `cart`), which an order key made of tag and id alone collides with; an id
 * without its `o-`, or without its `-`, which code that strips them takes for the other; the same
 * id in capitals, which code that lower-cases takes for the other. A name that tags only ids
 * shaped like `o-1001` puts these in a slot of their own. And every tail of the user's other names
 * that an order id may be (`s`, `rders` and `orders` of `{ada}:orders`): an order key that is a
 * prefix glued to the id, `{ada}:order` + `s`, is then the orders list's name.
 */
function trickyOrderIds(orderIds: readonly string[], names: readonly string[]): string[] {
  const words = names.flatMap((name) => name.split(/[^A-Za-z0-9-]+/)).filter(Boolean);
  const tails = names.flatMap((name) =>
    Array.from({ length: name.length }, (_, start) => name.slice(start)).filter((tail) =>
      /^[A-Za-z0-9-]+$/.test(tail),
    ),
  );
  const variants = orderIds.flatMap((id) => [
    id.replace(/^o-/, ''),
    id.replaceAll('-', ''),
    id.toUpperCase(),
  ]);
  return [...new Set(['cart', 'orders', ...words, ...tails, ...variants])].filter(
    (id) => !orderIds.includes(id),
  );
}
const itemOf = (random: Random) => `${random.word(random.int(3, 6))}-${random.int(1, 99)}`;

function distinct<T>(count: number, make: () => T): T[] {
  const found = new Set<T>();
  while (found.size < count) found.add(make());
  return [...found];
}

/** A few items with quantities, as a cart's hash holds them. */
function cartItems(random: Random, count = random.int(2, 5)): Record<string, string> {
  return Object.fromEntries(
    distinct(count, () => itemOf(random)).map((item) => [item, String(random.int(1, 9))]),
  );
}

interface Names {
  cart: string;
  orders: string;
  order: string;
}

/** The learner's names for one user and one order. */
async function namesFor(call: Context['call'], user: string, orderId: string): Promise<Names> {
  const { cart, orders } = await call('cartKeys', user);
  return { cart, orders, order: await call('orderKey', user, orderId) };
}

/**
 * A cart as a shopper left it: items, and the expiry addToCart gives; with `history`, the orders
 * list holds those ids. One round trip: races seed before every interleaving.
 */
async function seedCart(
  redis: Redis,
  cart: string,
  items: Record<string, string>,
  history?: { orders: string; ids: string[] },
) {
  const seed = redis
    .pipeline()
    .hset(cart, items)
    .expire(cart, CART_SECONDS - 1000);
  if (history) seed.rpush(history.orders, ...history.ids);
  await seed.exec();
}

const sortedEntries = (hash: Record<string, string>) =>
  Object.entries(hash).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

const showHash = (hash: Record<string, string>) =>
  Object.keys(hash).length === 0
    ? '(no key)'
    : `{ ${sortedEntries(hash)
        .map(([field, value]) => `${field}: ${value}`)
        .join(', ')} }`;

const sameHash = (a: Record<string, string>, b: Record<string, string>) =>
  JSON.stringify(sortedEntries(a)) === JSON.stringify(sortedEntries(b));

const outcome = (result: RaceOutcome<boolean>) =>
  result.threw === undefined ? String(result.returned) : `threw "${result.threw}"`;

async function holding(redis: Redis): Promise<string> {
  const keys = (await redis.keys('*')).sort();
  return keys.length === 0 ? 'no keys' : keys.slice(0, 12).join(', ');
}

/** Seeds other users' carts, orders lists and orders, named as the learner names them. */
async function seedOtherUsers({ call, decoys, redis, random }: Context, like: string) {
  return decoys(like, 3, async (other) => {
    const names = await namesFor(call, other, orderIdOf(random));
    await seedCart(redis, names.cart, cartItems(random));
    await redis.hset(names.order, cartItems(random));
    await redis.rpush(names.orders, orderIdOf(random));
  });
}

// ---------------------------------------------------------------------------------------------
// What the learner's code ran, grouped as a Cluster judges it

const SCRIPT_RUNNERS = new Set(['eval', 'evalsha', 'eval_ro', 'evalsha_ro', 'fcall', 'fcall_ro']);

const shortArg = (arg: string) => {
  const line = arg.replace(/\s+/g, ' ').trim();
  return line.length > 40 ? `${line.slice(0, 37)}…` : line;
};
const show = (command: LoggedCommand) =>
  [command.name.toUpperCase(), ...command.args.map(shortArg)].join(' ');
const listed = (commands: readonly LoggedCommand[]) =>
  commands.length === 0 ? 'nothing' : commands.slice(0, 14).map(show).join('; ');

interface Unit {
  /** What a Cluster would be sent as one: a command, a transaction, a pipeline, a script. */
  what: string;
  keys: string[];
}

/**
 * Everything a Cluster must find in one slot: each command, each MULTI … EXEC with the keys
 * WATCHed before it, each pipeline, each script (its declared keys); and the keys a script
 * touched without declaring them.
 */
function clusterUnits(executed: readonly ExecutedCommand[]) {
  const units: Unit[] = [];
  const undeclared: { script: string; command: string; key: string }[] = [];
  const watched = new Map<number | undefined, string[]>();
  const open = new Map<number | undefined, { commands: LoggedCommand[]; keys: string[] }>();
  const batches = new Map<number, { commands: LoggedCommand[]; keys: string[]; multi: boolean }>();
  let script: { show: string; keys: string[] } | undefined;

  for (const command of executed) {
    const { keys, client } = command;
    if (keys.length > 1) units.push({ what: show(command), keys });

    if (command.script) {
      for (const key of keys) {
        if (!script?.keys.includes(key)) {
          undeclared.push({ script: script?.show ?? command.script, command: show(command), key });
        }
      }
    } else {
      script = SCRIPT_RUNNERS.has(command.name) ? { show: show(command), keys } : undefined;
    }

    if (command.batch !== undefined && !command.script) {
      const batch = batches.get(command.batch) ?? { commands: [], keys: [], multi: false };
      batch.commands.push(command);
      batch.keys.push(...keys);
      if (command.name === 'multi') batch.multi = true;
      batches.set(command.batch, batch);
    }

    const transaction = open.get(client);
    if (command.name === 'watch' && !command.script) {
      watched.set(client, [...(watched.get(client) ?? []), ...keys]);
    } else if (command.name === 'unwatch') {
      watched.delete(client);
    } else if (command.name === 'multi') {
      const before = watched.get(client) ?? [];
      open.set(client, { commands: [command], keys: [...before] });
    } else if (command.name === 'exec' || command.name === 'discard') {
      if (transaction && command.name === 'exec') {
        const shown = [...transaction.commands, command];
        const watching = watched.get(client) ?? [];
        units.push({
          what: `${watching.length > 0 ? `WATCH ${watching.join(' ')}, then ` : ''}${listed(shown)}`,
          keys: transaction.keys,
        });
      }
      open.delete(client);
      watched.delete(client);
    } else if (transaction) {
      if (!command.script) transaction.commands.push(command);
      transaction.keys.push(...keys);
    }
    if (SCRIPT_RUNNERS.has(command.name) && !command.script) {
      units.push({ what: show(command), keys });
    }
  }
  for (const batch of batches.values()) {
    if (!batch.multi)
      units.push({ what: `the pipeline ${listed(batch.commands)}`, keys: batch.keys });
  }
  return { units, undeclared };
}

interface PlacedWrite {
  command: ExecutedCommand;
  /** The MULTI … EXEC or script it ran in; undefined: on its own. */
  block: string | undefined;
  /** For a write queued in a MULTI: the keys WATCHed on its connection when the MULTI began. */
  watched: readonly string[];
}

/** Every write of a key, with the transaction or script it ran in. */
function placedWrites(ran: readonly ExecutedCommand[]): PlacedWrite[] {
  const writes: PlacedWrite[] = [];
  const open = new Map<number | undefined, { block: string; watched: string[] }>();
  const watching = new Map<number | undefined, string[]>();
  let script: string | undefined;
  let blocks = 0;
  for (const command of ran) {
    const client = command.client;
    if (!command.script) {
      script = SCRIPT_RUNNERS.has(command.name)
        ? (open.get(client)?.block ?? `script ${++blocks}`)
        : undefined;
    }
    if (command.script) {
      if (command.write && command.keys.length > 0)
        writes.push({ command, block: script, watched: [] });
    } else if (command.name === 'watch') {
      watching.set(client, [...(watching.get(client) ?? []), ...command.keys]);
    } else if (command.name === 'unwatch') {
      watching.delete(client);
    } else if (command.name === 'multi') {
      open.set(client, { block: `transaction ${++blocks}`, watched: watching.get(client) ?? [] });
    } else if (command.name === 'exec' || command.name === 'discard') {
      // EXEC and DISCARD end every WATCH of the connection, whatever became of the transaction.
      open.delete(client);
      watching.delete(client);
    } else if (command.write && command.keys.length > 0) {
      // FUNCTION LOAD is a write too, of no key: loading a library beforehand is fine.
      const transaction = open.get(client);
      writes.push({ command, block: transaction?.block, watched: transaction?.watched ?? [] });
    }
  }
  return writes;
}

/** The units whose keys span slots, as a Cluster's CROSSSLOT would name them. */
function crossSlot(units: readonly Unit[]): string[] {
  return units
    .filter(({ keys }) => new Set(keys.map(slotOf)).size > 1)
    .map(
      ({ what, keys }) =>
        `${what} with CROSSSLOT: its keys hash to different slots, ${[...new Set(keys)].map(withSlot).join(', ')}`,
    );
}

// ---------------------------------------------------------------------------------------------

const checks: CheckList<Exports> = [
  {
    name: 'cartKeys and orderKey give every user and every order keys of their own',
    async run({ call, expect, random }) {
      const users = usersOfEveryShape(random);
      const seen = new Map<string, string>();
      for (const user of users) {
        const first = await call('cartKeys', user);
        const again = await call('cartKeys', user);
        expect.ok(
          typeof first?.cart === 'string' && typeof first?.orders === 'string',
          `cartKeys('${user}') must return { cart, orders }, two strings; it returned ${JSON.stringify(first)}`,
        );
        expect.equal(again, first, `cartKeys('${user}') called a second time`);
        const named: [string, string][] = [
          [first.cart, `cartKeys('${user}').cart`],
          [first.orders, `cartKeys('${user}').orders`],
        ];
        const orderIds = distinct(3, () => orderIdOf(random));
        orderIds.push(...trickyOrderIds(orderIds, [first.cart, first.orders]));
        for (const orderId of orderIds) {
          const order = await call('orderKey', user, orderId);
          expect.ok(
            typeof order === 'string',
            `orderKey('${user}', '${orderId}') must return a string; it returned ${JSON.stringify(order)}`,
          );
          expect.equal(
            await call('orderKey', user, orderId),
            order,
            `orderKey('${user}', '${orderId}') called a second time`,
          );
          named.push([order, `orderKey('${user}', '${orderId}')`]);
        }
        for (const [key, by] of named) {
          expect.ok(key.length > 0, `${by} returned an empty name`);
          const other = seen.get(key);
          expect.ok(
            other === undefined,
            `${by} and ${other} both name the key "${key}": every user's cart and orders list, and every order, needs a key of its own${by.startsWith('orderKey') ? ". An order id may be any letters, digits and '-': keep the whole id in the order's name, after a part that no cart or orders list has" : ''}`,
          );
          seen.set(key, by);
        }
      }
    },
  },
  {
    name: "all of a user's keys (cart, orders list, every order) hash to one slot",
    async run({ call, expect, random }) {
      for (const user of usersOfEveryShape(random)) {
        const { cart, orders } = await call('cartKeys', user);
        const keys = [cart, orders];
        const orderIds = distinct(3, () => orderIdOf(random));
        orderIds.push(...trickyOrderIds(orderIds, [cart, orders]));
        for (const orderId of orderIds) {
          keys.push(await call('orderKey', user, orderId));
        }
        expect.ok(
          new Set(keys.map(slotOf)).size === 1,
          `the keys of user ${user} hash to different slots: ${[
            cart,
            orders,
            ...keys
              .slice(2)
              .filter((key) => slotOf(key) !== slotOf(cart))
              .slice(0, 6),
          ]
            .map(withSlot)
            .join(
              ', ',
            )}. On a Cluster, the checkout transaction that touches them would fail with CROSSSLOT. Redis hashes only the part of a name between the first { and the next }: give all of a user's keys the same tag, and keep what differs outside it.`,
        );
      }
    },
  },
  {
    name: "the part of each name that Redis hashes holds the user's id, so users spread out",
    async run({ call, expect, random }) {
      for (const user of usersOfEveryShape(random)) {
        const { cart, orders } = await call('cartKeys', user);
        const order = await call('orderKey', user, orderIdOf(random));
        for (const key of [cart, orders, order]) {
          expect.ok(
            hashedPart(key).includes(user),
            `Redis hashes "${hashedPart(key)}" of ${key}, the key of user ${user}, and that does not hold "${user}": every user whose keys hash the same text lands in slot ${slotOf(key)}, on one node, however many nodes the cluster has. Put the user id inside the tag.`,
          );
        }
      }
    },
  },
  {
    name: 'addToCart adds to the quantity of the item in the cart, and returns it',
    async run(context) {
      const { call, sandboxClient, redis, expect, random, snapshot, diff } = context;
      const user = userId(random);
      const { cart, orders } = await call('cartKeys', user);
      const items = cartItems(random);
      await seedCart(redis, cart, items);
      // The user's history beside the cart: addToCart must neither change it nor give it a TTL.
      const earlier = orderIdOf(random);
      await redis.rpush(orders, earlier);
      await redis.hset(await call('orderKey', user, earlier), cartItems(random));
      await seedOtherUsers(context, user);
      const [item = ''] = Object.keys(items);
      const more = random.int(1, 5);
      // Item ids are letters of either case: one that differs from an item in the cart only in
      // case is another item (code that lower-cases item ids adds it to the first).
      const fresh = item.toUpperCase();
      const fewer = random.int(1, 5);

      const before = await snapshot();
      const added = await call('addToCart', sandboxClient, user, item, more);
      expect.equal(
        added,
        Number(items[item]) + more,
        `addToCart(redis, '${user}', '${item}', ${more}) returned (the cart held ${items[item]} of it)`,
      );
      const started = await call('addToCart', sandboxClient, user, fresh, fewer);
      expect.equal(
        started,
        fewer,
        `addToCart(redis, '${user}', '${fresh}', ${fewer}) returned (the item was not in the cart, which held ${item}: an item id is kept as it is, capitals and all)`,
      );
      expect.equal(await redis.type(cart), 'hash', `TYPE ${cart}`);
      const expected = {
        ...items,
        [item]: String(Number(items[item]) + more),
        [fresh]: String(fewer),
      };
      const held = await redis.hgetall(cart);
      expect.ok(
        sameHash(held, expected),
        `HGETALL ${cart}: expected ${showHash(expected)}, got ${showHash(held)}`,
      );
      const changes = diff(before, await snapshot());
      const others = changes.outside([cart]);
      expect.ok(
        others.length === 0,
        `addToCart may change ${cart} only; it also ${changes.describe(others)}`,
      );
      // A wholesale order: quantities have no upper bound, and one that caps them (at 99, at
      // 1,000, …) adds less than it was asked to. No cap past a million can show here.
      const bulk = random.int(100_000, 999_999);
      const bulkItem = `${item}-${random.int(1, 9)}`;
      const bought = await call('addToCart', sandboxClient, user, bulkItem, bulk);
      const stored = await redis.hget(cart, bulkItem);
      expect.ok(
        bought === bulk && stored === String(bulk),
        `addToCart(redis, '${user}', '${bulkItem}', ${bulk}) returned ${JSON.stringify(bought)}, and HGET ${cart} ${bulkItem} answers ${JSON.stringify(stored)}: add the whole quantity asked for, ${bulk}, however large (HINCRBY takes it as it is)`,
      );
    },
  },
  {
    name: 'the cart expires 7 days after the last addToCart',
    async run({ call, sandboxClient, redis, random, expectTtl }) {
      const user = userId(random);
      const { cart } = await call('cartKeys', user);
      const [item = '', other = ''] = distinct(2, () => itemOf(random));
      await call('addToCart', sandboxClient, user, item, random.int(1, 5));
      await expectTtl(cart, { seconds: CART_SECONDS });
      // A few minutes old: more of an item already there gives the cart its 7 days again, however
      // much it has left (code that renews only a new item, or only a cart about to go, fails).
      await redis.expire(cart, CART_SECONDS - random.int(120, 900));
      await call('addToCart', sandboxClient, user, item, random.int(1, 5));
      await expectTtl(cart, { seconds: CART_SECONDS });
      // Nearly gone: another item gives the cart its 7 days again.
      await redis.expire(cart, random.int(60, 3600));
      await call('addToCart', sandboxClient, user, other, random.int(1, 5));
      await expectTtl(cart, { seconds: CART_SECONDS });
    },
  },
  {
    name: 'a new cart never exists without its expiry, not even for a moment',
    async run({ call, race, sandboxClient, expect, random }) {
      const user = userId(random);
      const { cart } = await call('cartKeys', user);
      const item = itemOf(random);
      const quantity = random.int(1, 9);
      await race({
        calls: [['addToCart', sandboxClient, user, item, quantity]],
        labels: [`addToCart(${user}, ${item}, ${quantity})`],
        interject: [['PTTL', cart]],
        verify: async ([result], steps) => {
          const seen = steps.find((step) => step.by === 'grader')?.reply;
          const pttl = seen && 'value' in seen ? Number(seen.value) : Number.NaN;
          expect.ok(
            result.returned === quantity &&
              (pttl === -2 || (pttl > (CART_SECONDS - 5) * 1000 && pttl <= CART_SECONDS * 1000)),
            `another client asked PTTL ${cart} while addToCart created the cart, and got ${pttl}${pttl === -1 ? ' (a cart without an expiry)' : ''}: it must find no cart (-2) or a cart that expires in 7 days. addToCart returned ${result.threw === undefined ? result.returned : `threw "${result.threw}"`}. Send HINCRBY and EXPIRE together, in one MULTI/EXEC or one script: a cart created by a call that dies in between would never expire.`,
          );
        },
      });
    },
  },
  {
    name: 'every addToCart changes the quantity and the expiry in one MULTI/EXEC or one script',
    logExecuted: true,
    async run({ call, sandboxClient, expect, random, executed }) {
      const user = userId(random);
      const { cart } = await call('cartKeys', user);
      const [item = '', other = ''] = distinct(2, () => itemOf(random));
      // A new cart, then one that exists, then more of an item already in it: every add must
      // keep the cart from a moment without its expiry, or with the old one after a call that
      // dies halfway.
      let seen = 0;
      for (const added of [item, other, item]) {
        const quantity = random.int(1, 9);
        await call('addToCart', sandboxClient, user, added, quantity);
        const ran = (await executed()).slice(seen);
        seen += ran.length;
        const writes = placedWrites(ran);
        const blocks = new Set(writes.map(({ block }) => block));
        expect.ok(
          writes.length > 0 && !blocks.has(undefined) && blocks.size === 1,
          `addToCart(redis, '${user}', '${added}', ${quantity}) ${writes.length === 0 ? 'wrote nothing' : blocks.has(undefined) ? `sent ${listed(writes.filter(({ block }) => block === undefined).map(({ command }) => command))} on its own, outside MULTI/EXEC and outside a script` : `made its writes in ${blocks.size} separate transactions or scripts`} (your code ran: ${listed(ran)}). Change the quantity and set the expiry of ${cart} together, in one MULTI/EXEC or one script, on every call, whether the cart and the item are new or not.`,
        );
      }
    },
  },
  {
    name: "an addToCart at the same time as another client's addition loses neither",
    async run({ call, race, sandboxClient, redis, expect, random }) {
      const user = userId(random);
      const { cart } = await call('cartKeys', user);
      const items = cartItems(random);
      const [held = ''] = Object.keys(items);
      let fresh = itemOf(random);
      while (fresh in items) fresh = itemOf(random);
      // An item already in the cart, then one that is not: code that asks HEXISTS and writes a
      // new item with HSET loses the other addition only in the second.
      for (const item of [held, fresh]) {
        const had = Number(items[item] ?? 0);
        const [mine, theirs] = [random.int(1, 9), random.int(1, 9)];
        await race({
          calls: [['addToCart', sandboxClient, user, item, mine]],
          labels: [`addToCart(${user}, ${item}, ${mine})`],
          // The same shopper in another tab, through another server.
          interject: [['HINCRBY', cart, item, String(theirs)]],
          setup: async () => {
            await seedCart(redis, cart, items);
          },
          verify: async ([result]) => {
            const now = await redis.hget(cart, item);
            expect.ok(
              now === String(had + mine + theirs) &&
                (result.returned === had + mine || result.returned === had + mine + theirs),
              `the cart held ${had === 0 ? `no ${item}` : `${item}: ${had}`}; addToCart added ${mine} while another client added ${theirs} (HINCRBY ${cart} ${item} ${theirs}). Redis must hold ${had + mine + theirs}, and addToCart return the quantity its own addition made; Redis holds ${now ?? '(no field)'}, and addToCart returned ${result.threw === undefined ? result.returned : `threw "${result.threw}"`}. Let Redis do the sum with HINCRBY, for a new item as for one already there, rather than reading the quantity and writing it back.`,
            );
          },
        });
      }
    },
  },
  {
    name: 'checkout moves the cart into the order and adds the order id at the end of the list',
    async run({ call, sandboxClient, redis, expect, random }) {
      const user = userId(random);
      // A long history, past caps of 1000 or 1024: code that caps the list drops ids whose
      // orders still exist.
      const history = distinct(random.int(1100, 1200), () => orderIdOf(random));
      const orderId = history.pop() ?? '';
      const names = await namesFor(call, user, orderId);
      const items = cartItems(random);
      await seedCart(redis, names.cart, items);
      await redis.rpush(names.orders, ...history);

      const done = await call('checkout', sandboxClient, user, orderId);
      expect.equal(
        done,
        true,
        `checkout(redis, '${user}', '${orderId}') with ${names.cart} holding ${showHash(items)} returned`,
      );
      const type = await redis.type(names.order);
      expect.ok(
        type === 'hash',
        type === 'none'
          ? `after checkout there is no key ${names.order}, the name orderKey('${user}', '${orderId}') gives; Redis holds ${await holding(redis)}`
          : `TYPE ${names.order}: expected hash, got ${type}`,
      );
      const order = await redis.hgetall(names.order);
      expect.ok(
        sameHash(order, items),
        `HGETALL ${names.order}: expected the cart's ${showHash(items)}, got ${showHash(order)}`,
      );
      expect.equal(
        await redis.exists(names.cart),
        0,
        `EXISTS ${names.cart} after checkout (the cart must be gone)`,
      );
      const list = await redis.lrange(names.orders, 0, -1);
      const kept = JSON.stringify(list) === JSON.stringify([...history, orderId]);
      expect.ok(
        kept,
        kept
          ? ''
          : `LRANGE ${names.orders} 0 -1: it held ${history.length} ids, ${history[0]} … ${history.at(-1)}, and must now hold ${history.length + 1}, the same with ${orderId} at the end; it holds ${list.length}: ${list.length === 0 ? 'nothing' : `${list.slice(0, 3).join(', ')} … ${list.slice(-3).join(', ')}`}. RPUSH the new id, and drop none of the old ones`,
      );
    },
  },
  {
    name: 'the order and the orders list never expire, though the cart did',
    async run({ call, sandboxClient, redis, expect, random }) {
      const user = userId(random);
      const orderId = orderIdOf(random);
      const names = await namesFor(call, user, orderId);
      await seedCart(redis, names.cart, cartItems(random));

      await call('checkout', sandboxClient, user, orderId);
      for (const key of [names.order, names.orders]) {
        const pttl = await redis.pttl(key);
        expect.ok(
          pttl === -1,
          pttl === -2
            ? `after checkout(redis, '${user}', '${orderId}') there is no key ${key}; Redis holds ${await holding(redis)}`
            : `${key} expires in ${pttl} ms: the cart's TTL must not follow it into the order (RENAME keeps a key's TTL; PERSIST removes it)`,
        );
      }
    },
  },
  {
    name: 'checkout of a cart that does not exist returns false and changes nothing',
    async run(context) {
      const { call, sandboxClient, redis, expect, random, snapshot, diff } = context;
      const user = userId(random);
      const [earlier = '', orderId = ''] = distinct(2, () => orderIdOf(random));
      const names = await namesFor(call, user, orderId);
      await redis.rpush(names.orders, earlier);
      await redis.hset(await call('orderKey', user, earlier), cartItems(random));
      await seedOtherUsers(context, user);

      const before = await snapshot();
      const done = await call('checkout', sandboxClient, user, orderId);
      expect.equal(
        done,
        false,
        `checkout(redis, '${user}', '${orderId}') when ${names.cart} does not exist returned`,
      );
      const changes = diff(before, await snapshot());
      expect.ok(
        changes.changes.length === 0,
        `a checkout without a cart must change nothing, but it ${changes.describe(changes.changes)}`,
      );
      // Another server fills the cart since: "no cart" must come from Redis, not from memory.
      const items = cartItems(random);
      await seedCart(redis, names.cart, items);
      const now = await call('checkout', sandboxClient, user, orderId);
      expect.equal(
        now,
        true,
        `checkout(redis, '${user}', '${orderId}') found no cart and returned false; then another client filled ${names.cart} with ${showHash(items)}, and the same checkout again returned`,
      );
    },
  },
  {
    name: 'a refused checkout leaves no WATCH behind on its connection',
    async run({ call, sandboxClient, redis, expect, random }) {
      const user = userId(random);
      const [earlier = '', first = '', second = ''] = distinct(3, () => orderIdOf(random));
      const { cart, orders } = await call('cartKeys', user);
      // A first-time shopper, then one with orders behind them: code that returns early on one
      // of the two paths skips its UNWATCH there.
      for (const [orderId, history] of [
        [first, false],
        [second, true],
      ] as const) {
        await redis.del(cart);
        if (history) await redis.rpush(orders, earlier);
        await call('checkout', sandboxClient, user, orderId);
        // A connection still watching the cart is flagged `d` once the cart is written: its next
        // transaction would abort.
        await redis.hset(cart, itemOf(random), 1);
        const clients = String(await redis.client('LIST'))
          .split('\n')
          .filter((line) => / user=learner /.test(line));
        expect.ok(
          !clients.some((line) => /\bflags=\S*d/.test(line)),
          `checkout(redis, '${user}', '${orderId}') found no cart${history ? ` (${orders} listing ${earlier})` : ', and no orders list'}, and returned with a WATCH of ${cart} still in force on its connection: the caller's next transaction would abort once that cart changes. Send UNWATCH before returning false, on every path.`,
        );
      }
    },
  },
  {
    name: "checkout changes only the user's cart, orders list and new order",
    async run(context) {
      const { call, sandboxClient, redis, expect, random, snapshot, diff } = context;
      const user = userId(random);
      const orderId = orderIdOf(random);
      const names = await namesFor(call, user, orderId);
      await seedCart(redis, names.cart, cartItems(random));
      await redis.rpush(names.orders, orderIdOf(random));
      await seedOtherUsers(context, user);

      const before = await snapshot();
      await call('checkout', sandboxClient, user, orderId);
      const changes = diff(before, await snapshot());
      const others = changes.outside([names.cart, names.orders, names.order]);
      expect.ok(
        others.length === 0,
        `checkout(redis, '${user}', '${orderId}') may change ${names.cart}, ${names.orders} and ${names.order} only; it also ${changes.describe(others)}`,
      );
    },
  },
  {
    name: 'checkout finds the cart by its name, without KEYS or SCAN',
    logExecuted: true,
    async run(context) {
      const { call, sandboxClient, redis, expect, random, executed } = context;
      const user = userId(random);
      const orderId = orderIdOf(random);
      const names = await namesFor(call, user, orderId);
      await seedCart(redis, names.cart, cartItems(random));
      await seedOtherUsers(context, user);

      await call('checkout', sandboxClient, user, orderId);
      const searches = (await executed()).filter(({ name }) => name === 'keys' || name === 'scan');
      expect.ok(
        searches.length === 0,
        `checkout sent ${listed(searches)}: cartKeys('${user}') already names the cart, ${names.cart}. KEYS and SCAN walk every key, and on a Cluster they see only the keys of the node they reach.`,
      );
    },
  },
  {
    name: 'every command, transaction, pipeline and script keeps to one hash slot',
    logExecuted: true,
    async run({ call, sandboxClient, redis, expect, random, executed }) {
      const user = userId(random);
      const [orderId = '', refused = ''] = distinct(2, () => orderIdOf(random));
      const names = await namesFor(call, user, orderId);
      await redis.rpush(names.orders, orderIdOf(random));

      for (const [item, quantity] of Object.entries(cartItems(random))) {
        await call('addToCart', sandboxClient, user, item, Number(quantity));
      }
      await call('checkout', sandboxClient, user, orderId);
      await call('checkout', sandboxClient, user, refused);

      const ran = await executed();
      const { units, undeclared } = clusterUnits(ran);
      const [first] = crossSlot(units);
      expect.ok(
        first === undefined,
        `a Cluster would refuse ${first}. One node runs it, so all its keys must share a slot (your code ran: ${listed(ran)})`,
      );
      const [reached] = undeclared;
      expect.ok(
        reached === undefined,
        reached === undefined
          ? ''
          : `the script ${reached.script} ran ${reached.command}, reaching ${reached.key}, which it did not receive in KEYS: a Cluster sends a script to the node of its declared keys, and refuses one that reaches a key elsewhere. Pass every key the script touches in KEYS.`,
      );
    },
  },
  {
    name: 'checkout makes its changes in one MULTI/EXEC after a WATCH of the cart, or in one script',
    logExecuted: true,
    async run({ call, sandboxClient, redis, expect, random, executed }) {
      const user = userId(random);
      const orderId = orderIdOf(random);
      const names = await namesFor(call, user, orderId);
      await seedCart(redis, names.cart, cartItems(random));

      await call('checkout', sandboxClient, user, orderId);
      const ran = await executed();
      const writes = placedWrites(ran);
      const alone = writes.filter(({ block }) => block === undefined);
      expect.ok(
        alone.length === 0,
        `checkout sent ${listed(alone.map(({ command }) => command))} on its own, outside MULTI/EXEC and outside a script: another client can see the checkout half done in between. Queue every change on one multi(), or make them in one script (your code ran: ${listed(ran)})`,
      );
      const used = new Set(writes.map(({ block }) => block));
      expect.ok(
        used.size <= 1,
        `checkout's changes went out in ${used.size} separate transactions or scripts (your code ran: ${listed(ran)}): make them in one`,
      );
      // A MULTI cannot look at the cart: it moves it whether or not it is still there, unless a
      // WATCH of the cart, sent before the read that decided, aborts it once the cart changes.
      const unwatched = writes.filter(
        ({ command, block, watched }) =>
          block?.startsWith('transaction') && !command.script && !watched.includes(names.cart),
      );
      expect.ok(
        unwatched.length === 0,
        `checkout queued ${listed(unwatched.map(({ command }) => command))} in a MULTI with no WATCH of ${names.cart} in force: if the cart changes or goes away between the read that decided and EXEC, the transaction still runs (RENAME of a missing cart fails inside EXEC, and the RPUSH after it lists an order that does not exist). WATCH the cart before you read it, on every attempt (your code ran: ${listed(ran)})`,
      );
    },
  },
  {
    name: 'items added to the cart during checkout end up in the order or in the cart',
    async run({ call, race, sandboxClient, redis, expect, random }) {
      const user = userId(random);
      const [earlier = '', orderId = ''] = distinct(2, () => orderIdOf(random));
      const names = await namesFor(call, user, orderId);
      const items = cartItems(random);
      const added = Object.fromEntries(
        distinct(3, () => itemOf(random))
          .filter((item) => !(item in items))
          .map((item) => [item, String(random.int(1, 9))]),
      );
      const extras = Object.keys(added);
      const all = { ...items, ...added };
      await race({
        calls: [['checkout', sandboxClient, user, orderId]],
        labels: [`checkout(${user}, ${orderId})`],
        // Each addition may abort one attempt: three in a row reach the code that gives up. The
        // search tries first the interleavings that move the additions late, one per attempt
        // among them: a few suffice, and the race stays quick.
        interject: extras.map((extra) => ['HSET', names.cart, extra, added[extra] ?? '1']),
        maxInterleavings: 12,
        setup: async () => {
          await seedCart(redis, names.cart, items, { orders: names.orders, ids: [earlier] });
        },
        verify: async ([result], steps) => {
          const [order, cart, list] = await Promise.all([
            redis.hgetall(names.order),
            redis.hgetall(names.cart),
            redis.lrange(names.orders, 0, -1),
          ]);
          const aborted = steps.filter(
            ({ by, commands, reply }) =>
              by !== 'grader' &&
              commands.some(({ name }) => name === 'exec') &&
              reply !== undefined &&
              'value' in reply &&
              reply.value === null,
          ).length;
          // Every item once, in the order or left in the cart; the order holds the whole cart.
          const split =
            sameHash({ ...order, ...cart }, all) &&
            Object.keys(order).length + Object.keys(cart).length === Object.keys(all).length &&
            Object.keys(items).every((item) => item in order);
          const made =
            result.returned === true &&
            split &&
            JSON.stringify(list) === JSON.stringify([earlier, orderId]);
          // Giving up with an error is allowed once three attempts in a row were aborted.
          const gaveUp =
            result.threw !== undefined &&
            aborted >= 3 &&
            Object.keys(order).length === 0 &&
            sameHash(cart, all) &&
            JSON.stringify(list) === JSON.stringify([earlier]);
          expect.ok(
            made || gaveUp,
            `the cart held ${showHash(items)}, and another client added ${extras.map((extra) => `${extra}: ${added[extra]}`).join(', ')} one after another (HSET ${names.cart}) while checkout ran, aborting ${aborted} of its EXECs. Each must end in the order or stay in the cart; checkout returned ${outcome(result)}, and Redis holds ${names.order} = ${showHash(order)}, ${names.cart} = ${showHash(cart)}, ${names.orders} = [${list.join(', ')}]. ${result.returned === false ? 'false says there is no cart, and the cart is there: after an aborted EXEC, go round again from the WATCH, and give up, if ever, with an error, after three aborted attempts or more.' : result.threw !== undefined && aborted < 3 ? 'Retry after an aborted EXEC, from the WATCH: give up, if ever, only after three aborted attempts in a row.' : 'WATCH the cart before you read it, or do the whole checkout in one script.'}`,
          );
        },
      });
    },
  },
  {
    name: 'two checkouts of one cart at the same time make one order',
    async run({ call, race, sandboxClient, redis, expect, random }) {
      const user = userId(random);
      const [earlier = '', one = '', other = ''] = distinct(3, () => orderIdOf(random));
      const first = await namesFor(call, user, one);
      const second = await call('orderKey', user, other);
      const items = cartItems(random);
      await race({
        calls: [
          ['checkout', sandboxClient, user, one],
          ['checkout', sandboxClient, user, other],
        ],
        labels: [`checkout(${user}, ${one})`, `checkout(${user}, ${other})`],
        setup: async () => {
          await seedCart(redis, first.cart, items, { orders: first.orders, ids: [earlier] });
        },
        verify: async ([a, b]) => {
          const [list, ...orders] = await Promise.all([
            redis.lrange(first.orders, 0, -1),
            redis.hgetall(first.order),
            redis.hgetall(second),
          ]);
          const won = a.returned === true ? 0 : 1;
          const winner = orders[won] ?? {};
          const loser = orders[1 - won] ?? {};
          expect.ok(
            [a.returned, b.returned].filter((done) => done === true).length === 1 &&
              [a.returned, b.returned].filter((done) => done === false).length === 1 &&
              sameHash(winner, items) &&
              Object.keys(loser).length === 0 &&
              JSON.stringify(list) === JSON.stringify([earlier, won === 0 ? one : other]) &&
              (await redis.exists(first.cart)) === 0,
            `one cart of ${showHash(items)} was checked out twice at the same time, as ${one} and ${other}: one checkout must return true and make its order, the other return false and write nothing. They returned ${outcome(a)} and ${outcome(b)}; Redis holds ${first.order} = ${showHash(orders[0] ?? {})}, ${second} = ${showHash(orders[1] ?? {})}, ${first.orders} = [${list.join(', ')}]. A MULTI does not undo its other commands when RENAME fails: decide after a WATCH, or in a script.`,
          );
        },
      });
    },
  },
  {
    name: 'a cart that expires during checkout leaves no order id without its order',
    async run({ call, race, sandboxClient, redis, expect, random }) {
      const user = userId(random);
      const [earlier = '', orderId = ''] = distinct(2, () => orderIdOf(random));
      const names = await namesFor(call, user, orderId);
      const items = cartItems(random);
      let extra = itemOf(random);
      while (extra in items) extra = itemOf(random);
      const quantity = String(random.int(1, 9));
      await race({
        calls: [['checkout', sandboxClient, user, orderId]],
        labels: [`checkout(${user}, ${orderId})`],
        // The shopper adds an item, then the cart's 7 days run out (or the shopper empties it),
        // while checkout runs: the add may abort a first attempt, the deletion then a retry.
        interject: [
          ['HSET', names.cart, extra, quantity],
          ['DEL', names.cart],
        ],
        setup: async () => {
          await seedCart(redis, names.cart, items, { orders: names.orders, ids: [earlier] });
        },
        verify: async ([result]) => {
          const [order, list] = await Promise.all([
            redis.hgetall(names.order),
            redis.lrange(names.orders, 0, -1),
          ]);
          const made =
            result.returned === true &&
            (sameHash(order, items) || sameHash(order, { ...items, [extra]: quantity })) &&
            JSON.stringify(list) === JSON.stringify([earlier, orderId]);
          const refused =
            result.returned === false &&
            Object.keys(order).length === 0 &&
            JSON.stringify(list) === JSON.stringify([earlier]);
          expect.ok(
            made || refused,
            `the cart held ${showHash(items)}; while checkout ran, another client added ${extra}: ${quantity} (HSET ${names.cart}), then deleted the cart (DEL ${names.cart}, as an expiry does): checkout must either have made the order first (true, the order holds the items, ${orderId} listed) or find no cart (false, nothing written). It returned ${outcome(result)}, and Redis holds ${names.order} = ${showHash(order)}, ${names.orders} = [${list.join(', ')}]. A RENAME that fails inside EXEC does not stop the RPUSH queued after it: WATCH the cart itself, on every attempt (an EXEC, even an aborted one, ends the WATCH), so that its deletion aborts the EXEC.`,
          );
        },
      });
    },
  },
  {
    name: 'no other client ever sees half a checkout',
    async run({ call, race, sandboxClient, redis, expect, random }) {
      const user = userId(random);
      const orderId = orderIdOf(random);
      const names = await namesFor(call, user, orderId);
      const items = cartItems(random);
      // One atomic look at the three keys: [cart exists, order exists, order id listed].
      const look = `return { redis.call('EXISTS', KEYS[1]), redis.call('EXISTS', KEYS[2]),
        redis.call('LPOS', KEYS[3], ARGV[1]) and 1 or 0 }`;
      await race({
        calls: [['checkout', sandboxClient, user, orderId]],
        labels: [`checkout(${user}, ${orderId})`],
        interject: [['EVAL', look, '3', names.cart, names.order, names.orders, orderId]],
        setup: async () => {
          await seedCart(redis, names.cart, items);
        },
        verify: async ([result], steps) => {
          const seen = steps.find((step) => step.by === 'grader')?.reply;
          const state = seen && 'value' in seen ? JSON.stringify(seen.value) : 'nothing';
          expect.ok(
            result.returned === true && (state === '[1,0,0]' || state === '[0,1,1]'),
            `another client looked at ${names.cart}, ${names.order} and whether ${names.orders} lists ${orderId} while checkout ran, and saw ${state} (1 = yes): it must see [1,0,0] (not yet) or [0,1,1] (done), nothing in between. checkout returned ${outcome(result)}. Make every change inside one MULTI/EXEC, or one script.`,
          );
        },
      });
    },
  },
];

export default checks;
