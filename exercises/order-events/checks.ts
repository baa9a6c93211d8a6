import type Redis from 'ioredis';
import type {
  CheckList,
  ExecutedCommand,
  LoggedCommand,
  RaceOutcome,
  Random,
} from '../../grader/checks/api.ts';

interface Order {
  customer: string;
  item: string;
  quantity: number;
}

interface TakenOrder extends Order {
  id: string;
}

interface Exports {
  publishOrder(redis: Redis, order: Order): Promise<string>;
  ensureGroup(redis: Redis): Promise<void>;
  takeOrders(redis: Redis, consumer: string, count: number): Promise<TakenOrder[]>;
  ack(redis: Redis, id: string): Promise<boolean>;
  reclaim(redis: Redis, consumer: string, minIdleMs: number): Promise<TakenOrder[]>;
}

const STREAM = 'orders';
const GROUP = 'billing';
/** Another service's group on the same stream: the learner's code must leave it alone. */
const OTHER_GROUP = 'shipping';
const KEEP = 1000;
const KEEP_AT_MOST = 1100;

const ITEMS = ['lamp', 'desk', 'chair', 'rug', 'shelf', 'mirror', 'clock', 'vase', 'stool'];

// ---------------------------------------------------------------------------------------------
// Data

const capitalised = (word: string) => `${word.charAt(0).toUpperCase()}${word.slice(1)}`;

// Capitals and a space in every name, customer and consumer alike: code that normalises them
// (lower case, trimmed) stores or answers under a name nobody gave it.
function randomOrder(random: Random): Order {
  return {
    customer: `${capitalised(random.word(random.int(3, 6)))} ${capitalised(random.word(random.int(3, 7)))}`,
    item: `${random.pick(ITEMS)}-${random.word(3).toUpperCase()}`,
    quantity: random.int(1, 40),
  };
}

/**
 * `count` different consumer names, of different lengths, each with a capital; the first (every
 * other one) ends in a space, which code that trims the name loses.
 */
function consumerNames(random: Random, count: number): string[] {
  const names = new Set<string>();
  while (names.size < count) {
    const pad = names.size % 2 === 0 ? ' ' : '';
    names.add(`${capitalised(random.word(random.int(3, 6)))}-${random.int(1, 99)}${pad}`);
  }
  return [...names];
}

/** An order whose customer and item have spaces around them, kept as they are given. */
const padded = (order: Order): Order => ({
  ...order,
  customer: ` ${order.customer}  `,
  item: `${order.item} `,
});

/**
 * Adds `count` random orders to the stream, as other services do, with ids Redis chooses. The
 * second, and every third after it, has spaces around its values: code that trims them meets one.
 */
async function seedOrders(redis: Redis, random: Random, count: number): Promise<TakenOrder[]> {
  const orders = Array.from({ length: count }, (_, index) =>
    index % 3 === 1 ? padded(randomOrder(random)) : randomOrder(random),
  );
  if (count === 0) return [];
  const pipeline = redis.pipeline();
  for (const [index, order] of orders.entries()) {
    // Other producers write the three fields in orders of their own: the entries go round
    // three orders, so that code reading them by position rather than by name meets them.
    pipeline.xadd(STREAM, '*', ...(FIELD_ORDERS[index % FIELD_ORDERS.length] ?? fieldsOf)(order));
  }
  const replies = (await pipeline.exec()) ?? [];
  return orders.map((order, index) => {
    const [error, id] = replies[index] ?? [];
    if (error) throw error;
    return { id: String(id), ...order };
  });
}

const fieldsOf = (order: Order) => [
  'customer',
  order.customer,
  'item',
  order.item,
  'quantity',
  String(order.quantity),
];

/** The same fields as `fieldsOf`, quantity first and customer last. */
const reversedFieldsOf = (order: Order) => [
  'quantity',
  String(order.quantity),
  'item',
  order.item,
  'customer',
  order.customer,
];

/** Item first, customer second: neither publishOrder's order nor its reverse. */
const itemFirstFieldsOf = (order: Order) => [
  'item',
  order.item,
  'customer',
  order.customer,
  'quantity',
  String(order.quantity),
];

const FIELD_ORDERS = [fieldsOf, reversedFieldsOf, itemFirstFieldsOf] as const;

/** An entry's flat [field, value, …] list as an object. */
function fieldObject(flat: readonly string[] | null): Record<string, string> {
  const object: Record<string, string> = {};
  for (let index = 0; index + 1 < (flat?.length ?? 0); index += 2) {
    object[flat?.[index] ?? ''] = flat?.[index + 1] ?? '';
  }
  return object;
}

const storedFields = (order: Order) => ({
  customer: order.customer,
  item: order.item,
  quantity: String(order.quantity),
});

/** What takeOrders and reclaim return for an order: exactly these four properties. */
const taken = (order: TakenOrder): TakenOrder => ({
  id: order.id,
  customer: order.customer,
  item: order.item,
  quantity: order.quantity,
});

async function createGroup(redis: Redis, group: string, from = '0') {
  await redis.xgroup('CREATE', STREAM, group, from, 'MKSTREAM');
}

/** The grader's own consumer reads `count` new entries of `group`: they go to its pending list. */
async function deliver(
  redis: Redis,
  group: string,
  consumer: string,
  count: number,
): Promise<string[]> {
  const reply = (await redis.xreadgroup(
    'GROUP',
    group,
    consumer,
    'COUNT',
    count,
    'STREAMS',
    STREAM,
    '>',
  )) as [string, [string, string[]][]][] | null;
  return (reply?.[0]?.[1] ?? []).map(([id]) => id);
}

/**
 * Makes pending entries look idle for `idleMs`, pending for `consumer`, as if time had passed;
 * with `deliveries`, as if handed out that many times (workers crashed on them before).
 */
async function makeIdle(
  redis: Redis,
  consumer: string,
  ids: readonly string[],
  idleMs: number,
  deliveries?: number,
) {
  if (ids.length === 0) return;
  const count = deliveries === undefined ? [] : ['RETRYCOUNT', deliveries];
  await redis.call(
    'XCLAIM',
    STREAM,
    GROUP,
    consumer,
    0,
    ...ids,
    'IDLE',
    idleMs,
    ...count,
    'JUSTID',
  );
}

interface Pending {
  id: string;
  consumer: string;
  idle: number;
  deliveries: number;
}

async function pendingOf(redis: Redis, group: string): Promise<Pending[]> {
  const rows = (await redis.xpending(STREAM, group, '-', '+', 100_000)) as [
    string,
    string,
    number,
    number,
  ][];
  return rows.map(([id, consumer, idle, deliveries]) => ({
    id,
    consumer,
    idle: Number(idle),
    deliveries: Number(deliveries),
  }));
}

/** Who each pending id belongs to, e.g. `1700-0 → ada-3`. */
const owners = (rows: readonly Pending[]) => rows.map((row) => `${row.id} → ${row.consumer}`);

interface GroupState {
  name: string;
  consumers: number;
  pending: number;
  'last-delivered-id': string;
}

/** XINFO GROUPS orders, as objects; [] when the stream does not exist. */
async function groupsOf(redis: Redis): Promise<GroupState[]> {
  if ((await redis.type(STREAM)) !== 'stream') return [];
  const groups = (await redis.xinfo('GROUPS', STREAM)) as unknown[][];
  return groups.map((flat) => {
    const object: Record<string, unknown> = {};
    for (let index = 0; index + 1 < flat.length; index += 2) {
      object[String(flat[index])] = flat[index + 1];
    }
    return {
      name: String(object.name),
      consumers: Number(object.consumers),
      pending: Number(object.pending),
      'last-delivered-id': String(object['last-delivered-id']),
    };
  });
}

const groupOf = async (redis: Redis, name: string) =>
  (await groupsOf(redis)).find((group) => group.name === name);

/** A group as a learner reads it in a message. */
const describeGroup = (group: GroupState | undefined) =>
  group === undefined
    ? 'no such group'
    : `last-delivered-id ${group['last-delivered-id']}, ${group.pending} pending, ${group.consumers} consumers`;

/** The state of a group a call must leave alone: its position and who holds what. */
async function frozen(redis: Redis, group: string) {
  return { group: await groupOf(redis, group), pending: owners(await pendingOf(redis, group)) };
}

// ---------------------------------------------------------------------------------------------
// Messages

const ids = (orders: readonly { id: string }[]) =>
  orders.length === 0 ? 'none' : orders.map((order) => order.id).join(', ');

const shown = (value: unknown) => {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 400 ? `${text.slice(0, 397)}…` : text;
};

/** Deep equality of plain data, in full (`shown` cuts a long value short). */
const same = (one: unknown, other: unknown) => JSON.stringify(one) === JSON.stringify(other);

const outcome = (result: RaceOutcome<unknown>) =>
  result.threw === undefined ? `returned ${shown(result.returned)}` : `threw "${result.threw}"`;

/** An argument as a log line shows it: on one line, a long one (a Lua script) cut short. */
const shortArg = (arg: string) => {
  const line = arg.replace(/\s+/g, ' ').trim();
  return line.length > 40 ? `${line.slice(0, 37)}…` : line;
};

function listed(commands: readonly (LoggedCommand | ExecutedCommand)[], max = 12): string {
  if (commands.length === 0) return 'no commands';
  const lines = commands.slice(0, max).map((command) => {
    const line = [command.name.toUpperCase(), ...command.args.map(shortArg)].join(' ');
    return 'script' in command && command.script ? `${line} (inside ${command.script})` : line;
  });
  return commands.length > max
    ? `${lines.join('; ')}; … (${commands.length} in all)`
    : lines.join('; ');
}

/** Whether `returned` is a list of orders; the message says what it was otherwise. */
function asOrders(returned: unknown): TakenOrder[] | undefined {
  return Array.isArray(returned) ? (returned as TakenOrder[]) : undefined;
}

const returnedIds = (returned: unknown) =>
  (asOrders(returned) ?? []).map((order) => (order as { id?: unknown })?.id);

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;

/**
 * How long an empty takeOrders may take: one round trip, with room for a busy machine, beyond
 * however long the machine held the grader up meanwhile (`heldUp`). Code that waits for
 * orders, in Redis (BLOCK) or in JavaScript (a timer, then another read), is still waiting then.
 */
const AT_ONCE_MS = 500;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function blockedClients(redis: Redis): Promise<number> {
  const info = await redis.info('clients');
  return Number(/blocked_clients:(\d+)/.exec(info)?.[1] ?? 0);
}

/** Sets idle times between `minIdleMs` plus 5 and plus 60 seconds: well past the threshold. */
const longIdle = (random: Random, minIdleMs: number) => minIdleMs + random.int(5_000, 60_000);

// Never a whole second, and just past the half: code that rounds it to seconds moves the
// threshold by 400 ms or more, past the entries the first reclaim check puts just above it.
const randomMinIdle = (random: Random) => random.int(20, 120) * 1000 + random.int(501, 600);

// ---------------------------------------------------------------------------------------------

const checks: CheckList<Exports> = [
  // publishOrder ------------------------------------------------------------------------------
  {
    name: 'publishOrder adds the order to the stream orders, with the fields customer, item and quantity',
    async run({ call, sandboxClient, redis, expect, random }) {
      // No stream yet, in every grading: the shop publishes before any billing worker started.
      // The race below publishes into a stream that has entries.
      const order = randomOrder(random);
      const id = await call('publishOrder', sandboxClient, order);
      const type = await redis.type(STREAM);
      expect.ok(
        type === 'stream',
        `Redis held no ${STREAM} yet, and after publishOrder TYPE ${STREAM} is ${type} ` +
          `(publishOrder returned ${shown(id)}): the first order creates the stream. XADD ` +
          `creates it, unless told not to with NOMKSTREAM`,
      );
      expect.equal(await redis.xlen(STREAM), 1, `XLEN ${STREAM} after one publishOrder`);
      expect.ok(
        typeof id === 'string',
        `publishOrder must return the new entry's id, the string XADD answers; it returned ${shown(id)}`,
      );
      const [last] = await redis.xrevrange(STREAM, '+', '-', 'COUNT', 1);
      expect.ok(
        last !== undefined && last[0] === id,
        `publishOrder returned ${shown(id)}, but the entry it added has the id ${shown(last?.[0] ?? null)} ` +
          `(XREVRANGE ${STREAM} + - COUNT 1): return the id XADD answered`,
      );
      expect.equal(
        fieldObject(last?.[1] ?? null),
        storedFields(order),
        `the fields of entry ${id} (XRANGE ${STREAM} ${id} ${id}) for the order ${shown(order)}`,
      );
      // Spaces around the values are part of them: stored as given, not trimmed.
      const spaced = padded(randomOrder(random));
      const spacedId = await call('publishOrder', sandboxClient, spaced);
      const [stored] = await redis.xrange(STREAM, String(spacedId), String(spacedId));
      expect.equal(
        fieldObject(stored?.[1] ?? null),
        storedFields(spaced),
        `the fields of entry ${shown(spacedId)} for the order ${shown(spaced)}: store each value as it is given, spaces and all`,
      );
    },
  },
  {
    name: 'publishOrder lets Redis choose the id, after every id the stream holds',
    async run({ race, sandboxClient, redis, expect, random }) {
      const order = randomOrder(random);
      let top = '';
      await race({
        calls: [['publishOrder', sandboxClient, order]],
        labels: [`publishOrder(${shown(order)})`],
        setup: async () => {
          await seedOrders(redis, random, random.int(1, 3));
          // Another producer, whose clock runs a few seconds ahead of this server's.
          const [seconds = 0] = await redis.time();
          const ahead = Number(seconds) * 1000 + random.int(3_000, 9_000);
          const sequence = random.int(0, 5);
          top = `${ahead}-${sequence}`;
          await redis.xadd(STREAM, top, ...fieldsOf(randomOrder(random)));
        },
        verify: async ([result]) => {
          const [ms = '', sequence = ''] = top.split('-');
          const next = `${ms}-${Number(sequence) + 1}`;
          expect.ok(
            result.threw === undefined,
            `the newest entry of ${STREAM} has the id ${top}, from a producer whose clock is ahead; ` +
              `publishOrder ${outcome(result)}. An id your code makes (from Date.now(), a counter, a ` +
              `fixed value) must be greater than ${top} or XADD refuses it: give XADD the id * and ` +
              `Redis picks the next one, ${next}`,
          );
          expect.ok(
            result.returned === next,
            `the newest entry of ${STREAM} had the id ${top}; with * Redis gives the next entry ${next}, ` +
              `but publishOrder returned ${shown(result.returned)}`,
          );
        },
      });
    },
  },
  {
    name: 'two publishOrders at the same time both land, each under the id it returned',
    async run({ race, sandboxClient, redis, expect, random }) {
      const [one, other] = [randomOrder(random), randomOrder(random)];
      let before = 0;
      await race({
        calls: [
          ['publishOrder', sandboxClient, one],
          ['publishOrder', sandboxClient, other],
        ],
        labels: [`publishOrder(${one.customer})`, `publishOrder(${other.customer})`],
        setup: async () => {
          before = (await seedOrders(redis, random, random.int(1, 3))).length;
        },
        verify: async ([first, second]) => {
          const entries = await redis.xrange(STREAM, '-', '+');
          const byId = new Map(entries.map(([id, fields]) => [id, fieldObject(fields)]));
          const said = `the first ${outcome(first)}, the second ${outcome(second)}`;
          expect.ok(
            first.threw === undefined && second.threw === undefined,
            `two orders were published at the same time: ${said}. Let XADD choose the id with *: ` +
              `an id worked out from the last entry can be taken by the other producer first`,
          );
          expect.ok(
            first.returned !== second.returned && entries.length === before + 2,
            `two orders were published at the same time: ${said}; ${STREAM} holds ` +
              `${entries.length} entries (${before} before). Each order must be an entry of its own`,
          );
          for (const [result, order] of [
            [first, one],
            [second, other],
          ] as const) {
            expect.equal(
              byId.get(String(result.returned)),
              storedFields(order),
              `the fields of entry ${shown(result.returned)}, which publishOrder returned for ${shown(order)}`,
            );
          }
        },
      });
    },
  },
  {
    name: 'publishOrder keeps the stream to about its newest 1,000 orders',
    async run({ call, sandboxClient, redis, expect, random }) {
      // Producers that never trim left more than twice the limit: one XADD must trim it all,
      // which a LIMIT on the trim (at most that many entries evicted per call) does not.
      const earlier = await seedOrders(redis, random, 2 * KEEP_AT_MOST + random.int(0, 300));
      const order = randomOrder(random);
      const id = await call('publishOrder', sandboxClient, order);
      const all = [...earlier.map((entry) => entry.id), id];
      const length = await redis.xlen(STREAM);
      expect.ok(
        length >= KEEP && length <= KEEP_AT_MOST,
        `${STREAM} held ${earlier.length} orders; after publishOrder it must hold from ${KEEP} to ` +
          `${KEEP_AT_MOST} of the newest, but XLEN ${STREAM} is ${length}. ` +
          (length > KEEP_AT_MOST
            ? `Trim as you add, all the way: XADD ${STREAM} MAXLEN ~ ${KEEP} * …, with no LIMIT, ` +
              `which caps how many entries one trim removes`
            : `MAXLEN counts the entries to keep: ${KEEP}`),
      );
      const [[oldest] = []] = await redis.xrange(STREAM, '-', '+', 'COUNT', 1);
      const [[newest] = []] = await redis.xrevrange(STREAM, '+', '-', 'COUNT', 1);
      expect.ok(
        newest === id && oldest === all[all.length - length],
        `trimming must drop the oldest entries and keep the newest: ${STREAM} now runs from ` +
          `${oldest} to ${newest}; with ${length} entries kept it should run from ` +
          `${all[all.length - length]} to the new order's ${shown(id)}`,
      );
      // Then other producers add a few hundred: no more than twice the limit, and every
      // publishOrder must trim, not only one into a stream far past it.
      const more = await seedOrders(redis, random, random.int(150, 400));
      const grown = await redis.xlen(STREAM);
      await call('publishOrder', sandboxClient, randomOrder(random));
      const again = await redis.xlen(STREAM);
      expect.ok(
        again >= KEEP && again <= KEEP_AT_MOST,
        `after that, other producers added ${more.length} orders (XLEN ${STREAM} ${grown}), and ` +
          `the next publishOrder left XLEN ${STREAM} at ${again}: every publishOrder must leave ` +
          `${KEEP} to ${KEEP_AT_MOST} entries, however far past ${KEEP} the stream was. Trim in ` +
          `the XADD itself (MAXLEN ~ ${KEEP}), every time`,
      );
    },
  },

  // ensureGroup -------------------------------------------------------------------------------
  {
    name: 'ensureGroup creates the group billing, and an empty stream orders when there is none',
    async run({ call, sandboxClient, redis, expect }) {
      await call('ensureGroup', sandboxClient);
      const type = await redis.type(STREAM);
      expect.ok(
        type === 'stream',
        `after ensureGroup on an empty Redis, TYPE ${STREAM} is ${type}: XGROUP CREATE … MKSTREAM creates the stream with the group`,
      );
      const length = await redis.xlen(STREAM);
      expect.ok(
        length === 0,
        `ensureGroup must create the stream empty, but ${STREAM} holds ${length} entries ` +
          `(${shown(await redis.xrange(STREAM, '-', '+'))}): an entry added to make the stream ` +
          `exist is an order billing would then take. Use MKSTREAM instead`,
      );
      const groups = await groupsOf(redis);
      expect.equal(
        groups.map((group) => group.name),
        [GROUP],
        `the groups of ${STREAM} (XINFO GROUPS ${STREAM})`,
      );
    },
  },
  {
    name: 'ensureGroup starts the group at the beginning: orders published before it are billed too',
    async run({ call, sandboxClient, redis, expect, random }) {
      const orders = await seedOrders(redis, random, random.int(3, 7));
      await createGroup(redis, OTHER_GROUP);
      await deliver(redis, OTHER_GROUP, 'packer', random.int(1, orders.length));
      const shipping = await frozen(redis, OTHER_GROUP);

      await call('ensureGroup', sandboxClient);
      const group = await groupOf(redis, GROUP);
      expect.ok(group !== undefined, `after ensureGroup, ${STREAM} has no group ${GROUP}`);
      const delivered = await deliver(redis, GROUP, 'probe', orders.length + 5);
      expect.equal(
        delivered,
        orders.map((order) => order.id),
        `what XREADGROUP GROUP ${GROUP} probe STREAMS ${STREAM} > hands out after ensureGroup ` +
          `(${STREAM} held ${orders.length} orders before the group existed, and each must be ` +
          `billed: a group created at $ starts after them, one created at 0 before them)`,
      );
      expect.equal(
        await frozen(redis, OTHER_GROUP),
        shipping,
        `the group ${OTHER_GROUP}, which ensureGroup must leave alone`,
      );
    },
  },
  {
    name: 'calling ensureGroup again does not throw, and keeps the group where it was',
    async run({ race, call, sandboxClient, redis, expect, random }) {
      let before: Awaited<ReturnType<typeof frozen>> | undefined;
      let left: string[] = [];
      await race({
        calls: [['ensureGroup', sandboxClient]],
        labels: ['ensureGroup()'],
        setup: async () => {
          // Another worker created the group and has been billing for a while.
          const orders = await seedOrders(redis, random, random.int(5, 9));
          await createGroup(redis, GROUP);
          const given = await deliver(redis, GROUP, 'worker-1', random.int(2, orders.length - 2));
          await redis.xack(STREAM, GROUP, ...given.slice(0, random.int(1, given.length - 1)));
          // A worker that has just started, and holds nothing yet: it is the group's too.
          await redis.call('XGROUP', 'CREATECONSUMER', STREAM, GROUP, `${random.word(5)}-2`);
          left = orders.slice(given.length).map((order) => order.id);
          before = await frozen(redis, GROUP);
        },
        verify: async ([result]) => {
          expect.ok(
            result.threw === undefined,
            `the group ${GROUP} already existed (another worker created it), and ensureGroup ` +
              `threw "${result.threw}". Redis answers XGROUP CREATE with a BUSYGROUP error when ` +
              `the group exists: catch that one error and return`,
          );
          const after = await frozen(redis, GROUP);
          expect.ok(
            same(after, before),
            `ensureGroup must leave an existing group as it is. Before: ${describeGroup(before?.group)}, ` +
              `pending ${before?.pending.join(', ') || 'none'}. After: ${describeGroup(after.group)}, ` +
              `pending ${after.pending.join(', ') || 'none'}. Moving the group (XGROUP SETID) or ` +
              `making it anew (XGROUP DESTROY) hands out orders again and forgets who holds what; ` +
              `deleting a consumer (XGROUP DELCONSUMER), even one that holds nothing, takes a ` +
              `worker's name from under it: leave every consumer in place`,
          );
          const delivered = await deliver(redis, GROUP, 'probe', left.length + 5);
          expect.equal(
            delivered,
            left,
            `the orders the group hands out after ensureGroup (only those nobody had yet)`,
          );
        },
      });
      // A group with nothing pending has still moved on: every order it handed out was billed
      // and acked, and must not be handed out again.
      await redis.del(STREAM);
      const orders = await seedOrders(redis, random, random.int(4, 7));
      await createGroup(redis, GROUP);
      const billed = await deliver(redis, GROUP, 'worker-1', random.int(2, orders.length - 1));
      await redis.xack(STREAM, GROUP, ...billed);
      const idle = await frozen(redis, GROUP);
      await call('ensureGroup', sandboxClient);
      const after = await frozen(redis, GROUP);
      expect.ok(
        same(after, idle),
        `the group ${GROUP} had handed out and acked ${ids(orders.slice(0, billed.length))}, ` +
          `and had nothing pending. Before ensureGroup: ${describeGroup(idle.group)}; after: ` +
          `${describeGroup(after.group)}. Leave an existing group where it is even with nothing ` +
          `pending: moving it back (XGROUP SETID) hands the billed orders out to be billed again`,
      );
    },
  },
  {
    name: 'two workers calling ensureGroup at the same time both succeed',
    async run({ race, sandboxClient, redis, expect, random }) {
      let count = 0;
      await race({
        calls: [
          ['ensureGroup', sandboxClient],
          ['ensureGroup', sandboxClient],
        ],
        labels: ['ensureGroup() #1', 'ensureGroup() #2'],
        setup: async () => {
          count = (await seedOrders(redis, random, random.int(0, 3))).length;
        },
        verify: async ([first, second]) => {
          expect.ok(
            first.threw === undefined && second.threw === undefined,
            `two workers started at the same time: the first ensureGroup ${outcome(first)}, the ` +
              `second ${outcome(second)}. Whatever your code checks first, the other worker can ` +
              `create the group in between: send XGROUP CREATE, and catch its BUSYGROUP error`,
          );
          const groups = await groupsOf(redis);
          expect.equal(
            groups.map((group) => group.name),
            [GROUP],
            `the groups of ${STREAM} (XINFO GROUPS ${STREAM})`,
          );
          expect.equal(
            (await deliver(redis, GROUP, 'probe', count + 5)).length,
            count,
            `how many of the ${count} orders in ${STREAM} the group ${GROUP} hands out`,
          );
        },
      });
    },
  },
  {
    name: 'ensureGroup lets every error but BUSYGROUP reach the caller',
    async run({ race, sandboxClient, redis, expect, random }) {
      const kind = random.pick(['string', 'hash'] as const);
      await race({
        calls: [['ensureGroup', sandboxClient]],
        labels: ['ensureGroup()'],
        setup: async () => {
          // Some other program's key sits under the name: XGROUP CREATE answers WRONGTYPE.
          if (kind === 'string') await redis.set(STREAM, random.word(8));
          else await redis.hset(STREAM, 'owner', random.word(6));
        },
        verify: async ([result]) => {
          expect.ok(
            result.threw !== undefined,
            `${STREAM} holds a ${kind}, not a stream, so XGROUP CREATE fails with a WRONGTYPE ` +
              `error, and no group exists; ensureGroup ${outcome(result)}. Catch only the error ` +
              `whose message starts with BUSYGROUP, and throw every other one again`,
          );
          expect.equal(await redis.type(STREAM), kind, `TYPE ${STREAM}: the other program's key`);
        },
      });
    },
  },
  {
    name: 'ensureGroup creates the group again after the stream was deleted',
    async run({ call, sandboxClient, redis, expect, random }) {
      await call('ensureGroup', sandboxClient);
      await redis.del(STREAM); // an operator cleared the stream: its groups went with it
      const orders = await seedOrders(redis, random, random.int(1, 3));
      await call('ensureGroup', sandboxClient);
      const group = await groupOf(redis, GROUP);
      expect.ok(
        group !== undefined,
        `${STREAM} was deleted after the first ensureGroup (its groups with it), then the shop ` +
          `published ${plural(orders.length, 'order')}; the second ensureGroup left ${STREAM} with ` +
          `no group ${GROUP}. Ask Redis every time: remembering in your module that the group was ` +
          `made goes wrong as soon as Redis changes`,
      );
    },
  },

  // takeOrders --------------------------------------------------------------------------------
  {
    name: 'takeOrders returns the oldest new orders, at most count, as { id, customer, item, quantity }',
    async run({ call, sandboxClient, redis, expect, random }) {
      await createGroup(redis, GROUP);
      // First, another producer's order whose values are field names: a value is any text, and
      // code that looks a field up by searching the list for its name finds the value instead.
      const odd = { customer: 'item', item: 'customer', quantity: random.int(1, 40) };
      const oddId = String(await redis.xadd(STREAM, '*', ...fieldsOf(odd)));
      const orders = [
        { id: oddId, ...odd },
        ...(await seedOrders(redis, random, random.int(5, 9))),
      ];
      const [consumer = ''] = consumerNames(random, 1);
      // At least four: after the odd one, three entries have their fields in three different
      // orders.
      const count = random.int(4, orders.length - 2);
      const returned = await call('takeOrders', sandboxClient, consumer, count);
      expect.equal(
        returned,
        orders.slice(0, count).map(taken),
        `takeOrders(redis, '${consumer}', ${count}) with ${orders.length} new orders in ${STREAM} ` +
          `(ids ${ids(orders)}), whose producers wrote the three fields in different orders: ` +
          `pair each value with the field name before it, whatever its position (a value may ` +
          `be any text, the name of a field too)`,
      );
      // A worker that asks for many gets as many as are new: past 100 (a cap at 1,000 would need
      // a thousand more orders, and a right answer that reads one order per XREADGROUP would
      // run out of time on them).
      const more = await seedOrders(redis, random, random.int(150, 250));
      const waiting = [...orders.slice(count), ...more];
      const many = waiting.length + random.int(1, 50);
      const [other = ''] = consumerNames(random, 2).slice(1);
      const all = await call('takeOrders', sandboxClient, other, many);
      const got = returnedIds(all);
      const expected = waiting.map((order) => order.id);
      const misplaced = got.findIndex((id, index) => id !== expected[index]);
      expect.ok(
        same(got, expected),
        `takeOrders(redis, '${other}', ${many}) with ${waiting.length} new orders in ${STREAM} ` +
          `(${expected[0]} to ${expected[expected.length - 1]}) returned ${got.length} orders` +
          (got.length === expected.length && misplaced >= 0
            ? `, but not oldest first: at position ${misplaced}, ${shown(got[misplaced])} where ${expected[misplaced]} belongs. Keep the order XREADGROUP gives (ids compared as text put …-10 before …-9)`
            : `${got.length > 0 ? ` (${got[0]} to ${got[got.length - 1]})` : ''}: up to count means all ${waiting.length} here, oldest first; pass count to XREADGROUP as it is, with no cap of your own`),
      );
    },
  },
  {
    name: 'each takeOrders call hands out only orders nobody in the group has had',
    async run({ call, sandboxClient, redis, expect, random }) {
      await createGroup(redis, GROUP);
      const orders = await seedOrders(redis, random, random.int(10, 14));
      const [alice = '', bob = ''] = consumerNames(random, 2);
      const first = random.int(1, 3);
      const first1 = await call('takeOrders', sandboxClient, alice, first);
      expect.equal(
        returnedIds(first1),
        orders.slice(0, first).map((order) => order.id),
        `the ids takeOrders(redis, '${alice}', ${first}) returned first`,
      );
      // Another worker of the group takes some orders meanwhile, and has sat on them for
      // minutes: still its own, for reclaim (with the caller's minIdleMs) to take over, never
      // for takeOrders.
      const byOther = await deliver(redis, GROUP, 'other-worker', random.int(1, 3));
      await makeIdle(redis, 'other-worker', byOther, random.int(5, 60) * 60_000);
      const second = random.int(1, 3);
      const seen = first + byOther.length;
      const again = await call('takeOrders', sandboxClient, alice, second);
      expect.equal(
        returnedIds(again),
        orders.slice(seen, seen + second).map((order) => order.id),
        `the ids a second takeOrders(redis, '${alice}', ${second}) returned, after ${alice} had ` +
          `${ids(orders.slice(0, first))} and another worker of the group took ${byOther.join(', ')}: ` +
          `only orders nobody in the group has had yet (XREADGROUP … >), not again from the start, ` +
          `nor the other worker's idle ones: taking those over is reclaim's job`,
      );
      const rest = await call('takeOrders', sandboxClient, bob, orders.length);
      expect.equal(
        returnedIds(rest),
        orders.slice(seen + second).map((order) => order.id),
        `the ids takeOrders(redis, '${bob}', ${orders.length}) returned: the orders left`,
      );
    },
  },
  {
    name: 'orders taken stay pending for their consumer until acked',
    async run({ call, sandboxClient, redis, expect, random }) {
      await createGroup(redis, GROUP);
      await createGroup(redis, OTHER_GROUP);
      const orders = await seedOrders(redis, random, random.int(4, 8));
      await deliver(redis, OTHER_GROUP, 'packer', orders.length);
      const shipping = await frozen(redis, OTHER_GROUP);
      const [consumer = ''] = consumerNames(random, 1);
      const count = random.int(2, orders.length - 1);
      await call('takeOrders', sandboxClient, consumer, count);
      const pending = await pendingOf(redis, GROUP);
      expect.equal(
        owners(pending),
        orders.slice(0, count).map((order) => `${order.id} → ${consumer}`),
        `the pending entries of ${GROUP} after takeOrders(redis, '${consumer}', ${count}) ` +
          `(XPENDING ${STREAM} ${GROUP} - + 100): each order taken stays pending for '${consumer}' ` +
          `until it is acked, so that another worker can take it over should '${consumer}' crash. ` +
          `Read with XREADGROUP, without NOACK, and do not XACK before the order is billed`,
      );
      expect.equal(
        await frozen(redis, OTHER_GROUP),
        shipping,
        `the group ${OTHER_GROUP}, which takeOrders must leave alone`,
      );
    },
  },
  {
    name: 'two consumers taking at the same time never get the same order',
    async run({ race, sandboxClient, redis, expect, random }) {
      const [alice = '', bob = ''] = consumerNames(random, 2);
      const total = random.int(4, 8);
      const forAlice = random.int(1, Math.floor(total / 2));
      const forBob = random.int(1, total - forAlice);
      let orders: TakenOrder[] = [];
      await race({
        calls: [
          ['takeOrders', sandboxClient, alice, forAlice],
          ['takeOrders', sandboxClient, bob, forBob],
        ],
        labels: [`takeOrders(${alice}, ${forAlice})`, `takeOrders(${bob}, ${forBob})`],
        setup: async () => {
          await createGroup(redis, GROUP);
          orders = await seedOrders(redis, random, total);
        },
        verify: async ([ofAlice, ofBob]) => {
          const [gotAlice, gotBob] = [returnedIds(ofAlice.returned), returnedIds(ofBob.returned)];
          const both = [...gotAlice, ...gotBob].map(String).sort();
          const expected = orders
            .slice(0, forAlice + forBob)
            .map((order) => order.id)
            .sort();
          const pending = await pendingOf(redis, GROUP);
          const ownerOf = new Map(pending.map((row) => [row.id, row.consumer]));
          expect.ok(
            ofAlice.threw === undefined &&
              ofBob.threw === undefined &&
              gotAlice.length === forAlice &&
              gotBob.length === forBob &&
              same(both, expected) &&
              gotAlice.every((id) => ownerOf.get(String(id)) === alice) &&
              gotBob.every((id) => ownerOf.get(String(id)) === bob),
            `${STREAM} held ${total} new orders (${ids(orders)}); ${alice} asked for ${forAlice} and ` +
              `${bob} for ${forBob} at the same time. ${alice} got ${gotAlice.join(', ') || 'none'}` +
              `${ofAlice.threw ? ` (threw "${ofAlice.threw}")` : ''}, ${bob} got ` +
              `${gotBob.join(', ') || 'none'}${ofBob.threw ? ` (threw "${ofBob.threw}")` : ''}; ` +
              `pending: ${owners(pending).join(', ') || 'none'}. Every order must go to one ` +
              `consumer only, and be pending for it: XREADGROUP with > hands each entry out once`,
          );
        },
      });
    },
  },
  {
    name: 'takeOrders answers [] at once when no order is new, without waiting',
    async run({ call, sandboxClient, redis, expect, random, commands, heldUp }) {
      await createGroup(redis, GROUP);
      const orders = await seedOrders(redis, random, random.int(0, 3));
      await deliver(redis, GROUP, 'worker-1', orders.length + 1);
      const [consumer = ''] = consumerNames(random, 1);
      const blockedBefore = await blockedClients(redis);

      let settled = false;
      const held = heldUp();
      const pending = call('takeOrders', sandboxClient, consumer, random.int(1, 5)).finally(() => {
        settled = true;
      });
      // Awaited below; until then a learner's error must not count as unhandled.
      pending.catch(() => undefined);
      // A read that waits in Redis shows as a blocked client; an order published then ends it.
      let waited = false;
      const started = performance.now();
      while (!settled && performance.now() - started < AT_ONCE_MS + held()) {
        if ((await blockedClients(redis)) > blockedBefore) {
          waited = true;
          break;
        }
        await sleep(5);
      }
      const published = !settled;
      const gaveUpAfter = Math.round(performance.now() - started);
      if (published) await seedOrders(redis, random, 1);
      const returned = await pending;
      const blocking = commands().find((command) =>
        command.args.some((arg) => arg.toUpperCase() === 'BLOCK'),
      );
      // The first XREADGROUP answers null here: a second one is a look after a pause, however
      // short the pause was.
      const reads = commands().filter((command) => command.name === 'xreadgroup').length;
      expect.ok(
        !published && !blocking && reads <= 1 && Array.isArray(returned) && returned.length === 0,
        `every order in ${STREAM} had been handed out, so takeOrders(redis, '${consumer}', …) must ` +
          `return [] straight away; it ${
            waited
              ? 'waited in Redis for a new order'
              : published
                ? `had not answered after ${gaveUpAfter} ms`
                : reads > 1
                  ? `read again after XREADGROUP answered that nothing was new (${reads} XREADGROUPs), and returned ${shown(returned)}`
                  : `returned ${shown(returned)}`
          }${published ? `, and returned ${shown(returned)} once the checks published one` : ''}. ` +
          `${blocking ? 'BLOCK suits a worker loop; here no order means [] at once. ' : ''}` +
          `${(published || reads > 1) && !blocking && !waited ? 'Do not wait or read again in JavaScript either. ' : ''}` +
          `XREADGROUP answers null when nothing is new. It sent: ${listed(commands())}`,
      );
    },
  },

  // ack ---------------------------------------------------------------------------------------
  {
    name: "ack removes the order from billing's pending entries and returns true",
    async run({ call, sandboxClient, redis, expect, random }) {
      await createGroup(redis, GROUP);
      await createGroup(redis, OTHER_GROUP);
      const orders = await seedOrders(redis, random, random.int(3, 6));
      const [consumer = ''] = consumerNames(random, 1);
      await deliver(redis, GROUP, consumer, orders.length);
      await deliver(redis, OTHER_GROUP, 'packer', orders.length);
      const shipping = await frozen(redis, OTHER_GROUP);
      const done = random.pick(orders);

      const returned = await call('ack', sandboxClient, done.id);
      expect.equal(returned, true, `ack(redis, '${done.id}') for an order pending for ${consumer}`);
      const pending = await pendingOf(redis, GROUP);
      expect.equal(
        pending.map((row) => row.id),
        orders.filter((order) => order !== done).map((order) => order.id),
        `the ids pending in ${GROUP} after ack(redis, '${done.id}') (XPENDING ${STREAM} ${GROUP} - + 100)`,
      );
      expect.equal(
        await frozen(redis, OTHER_GROUP),
        shipping,
        `the group ${OTHER_GROUP}, whose own pending entries ack must leave alone`,
      );
    },
  },
  {
    name: 'ack leaves the order in the stream',
    async run({ call, sandboxClient, redis, expect, random }) {
      await createGroup(redis, GROUP);
      const orders = await seedOrders(redis, random, random.int(2, 5));
      await deliver(redis, GROUP, 'worker-1', orders.length);
      const done = random.pick(orders);
      await call('ack', sandboxClient, done.id);
      const entries = await redis.xrange(STREAM, '-', '+');
      expect.equal(
        entries.map(([id]) => id),
        orders.map((order) => order.id),
        `the ids in ${STREAM} after ack(redis, '${done.id}') (XRANGE ${STREAM} - +): the stream is ` +
          `the shop's log of orders, which other services read too. XACK marks the order done ` +
          `for ${GROUP} only; XDEL would take it from everyone`,
      );
    },
  },
  {
    name: 'ack answers false for an order that is not pending',
    async run({ call, sandboxClient, redis, expect, random }) {
      await createGroup(redis, GROUP);
      const orders = await seedOrders(redis, random, random.int(3, 6));
      const delivered = await deliver(redis, GROUP, 'worker-1', orders.length - 1);
      const done = random.pick(delivered);
      const first = await call('ack', sandboxClient, done);
      const twice = await call('ack', sandboxClient, done);
      expect.equal(twice, false, `ack(redis, '${done}') a second time (the first ${shown(first)})`);
      const never = orders[orders.length - 1]?.id ?? '';
      const notGiven = await call('ack', sandboxClient, never);
      expect.equal(
        notGiven,
        false,
        `ack(redis, '${never}') for an order in ${STREAM} that was never handed out (XACK answers how many it acknowledged)`,
      );
    },
  },

  {
    name: 'two acks of the same order at the same time: only one returns true',
    async run({ race, sandboxClient, redis, expect, random }) {
      // A slow worker and the one that reclaimed its order both finish billing it. The sandbox
      // is emptied before each interleaving: the entry gets the same id every time.
      const id = `${random.int(1_600_000_000_000, 1_700_000_000_000)}-${random.int(0, 3)}`;
      await race({
        calls: [
          ['ack', sandboxClient, id],
          ['ack', sandboxClient, id],
        ],
        labels: [`ack(${id}) #1`, `ack(${id}) #2`],
        setup: async () => {
          await createGroup(redis, GROUP);
          await redis.xadd(STREAM, id, ...fieldsOf(randomOrder(random)));
          await seedOrders(redis, random, random.int(0, 2));
          await deliver(redis, GROUP, 'worker-1', 5);
        },
        verify: async ([first, second]) => {
          const pending = await pendingOf(redis, GROUP);
          expect.ok(
            [first.returned, second.returned].filter((answer) => answer === true).length === 1 &&
              [first.returned, second.returned].includes(false) &&
              !pending.some((row) => row.id === id),
            `order ${id} was pending, and two workers acked it at the same time: the first ack ` +
              `${outcome(first)}, the second ${outcome(second)}; pending now: ` +
              `${owners(pending).join(', ') || 'none'}. Only one of them took it off the pending ` +
              `list: answer from XACK's own reply (1 or 0), not from a look at XPENDING made ` +
              `before, which the other ack can change in between`,
          );
        },
      });
    },
  },

  // reclaim -----------------------------------------------------------------------------------
  {
    name: 'reclaim takes over the orders idle for at least minIdleMs, oldest first, and no others',
    async run({ call, sandboxClient, redis, expect, random }) {
      await createGroup(redis, GROUP);
      await createGroup(redis, OTHER_GROUP);
      const orders = await seedOrders(redis, random, random.int(7, 11));
      const [ghost = '', live = '', rescuer = '', sweeper = ''] = consumerNames(random, 4);
      const minIdleMs = randomMinIdle(random);
      // All but the newest are handed out: most to a worker that crashed, a few to a live one.
      // In every grading: the first is the rescuer's own (a worker restarted under its old
      // name), the second was handed out several times before, the third is idle just past
      // minIdleMs; all three are old. The fourth is not idle long enough (the live worker's, or
      // the crashed one's), and the fifth is old again: code that reads the span from the first
      // order claimed to the last returns the fourth too. The last one handed out is the live
      // worker's, idle just under minIdleMs.
      const handed = orders.slice(0, -1);
      const byLive = new Set(random.int(1, 2) === 1 ? [handed[3]?.id ?? ''] : []);
      await deliver(redis, GROUP, ghost, handed.length);
      await deliver(redis, OTHER_GROUP, 'packer', orders.length);
      const old = new Set<string>();
      for (const [index, order] of handed.entries()) {
        const isOld =
          !byLive.has(order.id) &&
          index !== 3 &&
          (index < 3 || index === 4 || (index < handed.length - 1 && random.int(0, 2) > 0));
        if (isOld) old.add(order.id);
        const idle =
          index === 2
            ? minIdleMs + random.int(1, 100)
            : isOld
              ? longIdle(random, minIdleMs)
              : random.int(0, minIdleMs - 5_000);
        const owner =
          index === 0
            ? rescuer
            : byLive.has(order.id) || index === handed.length - 1
              ? live
              : ghost;
        await makeIdle(redis, owner, [order.id], idle, index === 1 ? random.int(3, 9) : undefined);
      }
      // shipping's entries are all long idle: they are not billing's to take.
      await redis.call(
        'XCLAIM',
        STREAM,
        OTHER_GROUP,
        'packer',
        0,
        ...orders.map((order) => order.id),
        'IDLE',
        minIdleMs * 10,
        'JUSTID',
      );
      const shipping = await frozen(redis, OTHER_GROUP);
      // Idle less than a second under minIdleMs, set last: code that floors minIdleMs to whole
      // seconds takes it. Its idle time grows while the check runs; should the machine stall
      // until it reaches minIdleMs, taking it is right too, so the time is measured, not bounded.
      const nearly = handed[handed.length - 1] as TakenOrder;
      const under = random.int(400, 480);
      const setAt = Date.now();
      await makeIdle(redis, live, [nearly.id], minIdleMs - under);
      const before = await pendingOf(redis, GROUP);

      const returned = await call('reclaim', sandboxClient, rescuer, minIdleMs);
      if (Date.now() - setAt >= under && returnedIds(returned).includes(nearly.id)) {
        old.add(nearly.id);
      }
      const idleTimes = before.map(
        (row) =>
          `${row.id} idle ${row.idle} ms (${row.consumer}, delivered ${plural(row.deliveries, 'time')})`,
      );
      expect.equal(
        returned,
        handed.filter((order) => old.has(order.id)).map(taken),
        `reclaim(redis, '${rescuer}', ${minIdleMs}) when ${GROUP}'s pending entries were: ` +
          `${idleTimes.join(', ')}. minIdleMs is in milliseconds, as XAUTOCLAIM's min-idle-time ` +
          `is: pass it as it is, not rounded nor floored (${nearly.id}, idle ${under} ms short of ` +
          `it, stays). Every order idle that long comes back, also one ` +
          `already pending for '${rescuer}' and one handed out many times before`,
      );
      const after = await pendingOf(redis, GROUP);
      const expectedOwners = before.map((row) => ({
        ...row,
        consumer: old.has(row.id) ? rescuer : row.consumer,
      }));
      expect.equal(
        owners(after),
        owners(expectedOwners),
        `who the pending entries of ${GROUP} belong to after reclaim (XPENDING ${STREAM} ${GROUP} - + 100): ` +
          `the orders reclaim returns must now be pending for '${rescuer}', so that no one else takes them over`,
      );
      expect.equal(
        await frozen(redis, OTHER_GROUP),
        shipping,
        `the group ${OTHER_GROUP}, whose idle entries are not billing's to take`,
      );
      // A threshold of 0 is a threshold too (a worker taking over everything from workers that
      // were shut down): every pending order, however recently it was handed out.
      const everyone = await pendingOf(redis, GROUP);
      const swept = await call('reclaim', sandboxClient, sweeper, 0);
      const pendingIds = new Set(everyone.map((row) => row.id));
      expect.equal(
        returnedIds(swept),
        everyone.map((row) => row.id),
        `the ids reclaim(redis, '${sweeper}', 0) returned when ${GROUP}'s pending entries were ` +
          `${owners(everyone).join(', ')}: every order pending for at least 0 ms, i.e. all of them. ` +
          `0 is a threshold like any other, not a missing argument: do not replace it with a default`,
      );
      expect.equal(
        swept,
        handed.filter((order) => pendingIds.has(order.id)).map(taken),
        `what reclaim(redis, '${sweeper}', 0) returned`,
      );
    },
  },
  {
    name: 'reclaim never returns an order that was acked or deleted from the stream',
    async run({ call, race, sandboxClient, redis, expect, random }) {
      await createGroup(redis, GROUP);
      const orders = await seedOrders(redis, random, random.int(6, 9));
      const [worker = '', rescuer = ''] = consumerNames(random, 2);
      const minIdleMs = randomMinIdle(random);
      await deliver(redis, GROUP, worker, orders.length);
      // The second order is acked, maybe a few more; the first and the last never are.
      const acked = orders.filter(
        (_, index) =>
          index === 1 || (index > 1 && index < orders.length - 1 && random.int(0, 2) === 0),
      );
      for (const order of acked) {
        const answer = await call('ack', sandboxClient, order.id);
        expect.equal(answer, true, `ack(redis, '${order.id}') for an order pending for ${worker}`);
      }
      const open = orders.filter((order) => !acked.includes(order));
      await makeIdle(
        redis,
        worker,
        open.map((order) => order.id),
        longIdle(random, minIdleMs),
      );
      // One order still pending was deleted from the stream meanwhile (trimmed away).
      const gone = random.pick(open);
      const rest = open.filter((order) => order !== gone);
      await redis.xdel(STREAM, gone.id);

      const returned = await call('reclaim', sandboxClient, rescuer, minIdleMs);
      expect.equal(
        returned,
        rest.map(taken),
        `reclaim(redis, '${rescuer}', ${minIdleMs}) after ${worker} stopped: it had taken ` +
          `${ids(orders)}, acked ${ids(acked)} with your ack, and ${gone.id} was deleted from ` +
          `${STREAM}. Only orders still pending and still in the stream can be billed again`,
      );
      // The slow worker was not dead: it acks one of its orders while reclaim runs. The
      // sandbox is emptied before each interleaving: the entries get the same ids every time.
      const base = random.int(1_600_000_000_000, 1_700_000_000_000);
      const slowIds = Array.from({ length: random.int(2, 4) }, (_, index) => `${base + index}-0`);
      const late = random.pick(slowIds);
      await race({
        calls: [['reclaim', sandboxClient, rescuer, minIdleMs]],
        labels: [`reclaim(${rescuer}, ${minIdleMs})`],
        interject: [['XACK', STREAM, GROUP, late]],
        setup: async () => {
          await createGroup(redis, GROUP);
          for (const id of slowIds) await redis.xadd(STREAM, id, ...fieldsOf(randomOrder(random)));
          await deliver(redis, GROUP, worker, slowIds.length);
          await makeIdle(redis, worker, slowIds, longIdle(random, minIdleMs));
        },
        verify: async ([result]) => {
          const pending = await pendingOf(redis, GROUP);
          expect.ok(
            result.threw === undefined &&
              same(
                owners(pending),
                slowIds.filter((id) => id !== late).map((id) => `${id} → ${rescuer}`),
              ),
            `${slowIds.join(', ')} were idle for ${worker}, which acked ${late} while ` +
              `reclaim(redis, '${rescuer}', ${minIdleMs}) ran; reclaim ${outcome(result)}, and ` +
              `pending now: ${owners(pending).join(', ') || 'none'}. An acked order must stay ` +
              `acked: claim with a command that tests the entry is still pending and idle when it ` +
              `claims (XAUTOCLAIM, or XCLAIM with min-idle-time and no FORCE), never one that ` +
              `makes it pending again`,
          );
        },
      });
    },
  },
  {
    name: 'reclaim takes every idle order, even more than a hundred',
    async run({ call, sandboxClient, redis, expect, random }) {
      await createGroup(redis, GROUP);
      // More than a thousand, as a stream of up to 1,100 entries can hold: past what one
      // XAUTOCLAIM with COUNT 1000 takes, and past the 10 × COUNT entries one call looks at.
      // In front of them, pending orders trimmed from the stream since: XAUTOCLAIM counts each
      // against COUNT, so its first page (COUNT 100) claims nothing, and the pending list
      // holds more than 1,100 entries.
      const trimmed = await seedOrders(redis, random, random.int(100, 120));
      const orders = await seedOrders(redis, random, KEEP + random.int(10, 90));
      const [ghost = '', rescuer = ''] = consumerNames(random, 2);
      const minIdleMs = randomMinIdle(random);
      await deliver(redis, GROUP, ghost, trimmed.length + orders.length);
      await makeIdle(
        redis,
        ghost,
        [...trimmed, ...orders].map((order) => order.id),
        longIdle(random, minIdleMs),
      );
      await redis.xtrim(STREAM, 'MINID', orders[0]?.id ?? '0');
      const returned = await call('reclaim', sandboxClient, rescuer, minIdleMs);
      const got = returnedIds(returned);
      expect.ok(
        same(
          got,
          orders.map((order) => order.id),
        ),
        `${orders.length} orders were pending for the crashed '${ghost}', all idle for over ` +
          `${minIdleMs} ms, after ${trimmed.length} pending ones trimmed from ${STREAM}; ` +
          `reclaim(redis, '${rescuer}', ${minIdleMs}) returned ${got.length} of the ${orders.length}. ` +
          `XAUTOCLAIM claims at most COUNT entries (100 by default) per call, counting the deleted ` +
          `ones it drops, looks at no more than 10 × COUNT, and answers a cursor: call it again ` +
          `from that cursor until it answers 0-0. A short or empty page is not the end, and ` +
          `starting again from 0-0 each time walks past the entries already taken`,
      );
      const live = new Set(orders.map((order) => order.id));
      const left = (await pendingOf(redis, GROUP)).filter(
        (row) => row.consumer !== rescuer && live.has(row.id),
      );
      expect.ok(
        left.length === 0,
        `after reclaim, ${left.length} idle orders are still pending for '${ghost}' (${ids(left.slice(0, 5))}${left.length > 5 ? ', …' : ''})`,
      );
    },
  },
  {
    name: 'two reclaims at the same time never take the same order',
    async run({ race, sandboxClient, redis, expect, random }) {
      const [ghost = '', one = '', other = ''] = consumerNames(random, 3);
      const minIdleMs = randomMinIdle(random);
      let orders: TakenOrder[] = [];
      await race({
        calls: [
          ['reclaim', sandboxClient, one, minIdleMs],
          ['reclaim', sandboxClient, other, minIdleMs],
        ],
        labels: [`reclaim(${one})`, `reclaim(${other})`],
        setup: async () => {
          await createGroup(redis, GROUP);
          orders = await seedOrders(redis, random, random.int(3, 5));
          await deliver(redis, GROUP, ghost, orders.length);
          await makeIdle(
            redis,
            ghost,
            orders.map((order) => order.id),
            longIdle(random, minIdleMs),
          );
        },
        verify: async ([first, second]) => {
          const [gotOne, gotOther] = [returnedIds(first.returned), returnedIds(second.returned)];
          const both = [...gotOne, ...gotOther].map(String).sort();
          const pending = await pendingOf(redis, GROUP);
          const ownerOf = new Map(pending.map((row) => [row.id, row.consumer]));
          expect.ok(
            first.threw === undefined &&
              second.threw === undefined &&
              same(both, orders.map((order) => order.id).sort()) &&
              gotOne.every((id) => ownerOf.get(String(id)) === one) &&
              gotOther.every((id) => ownerOf.get(String(id)) === other),
            `${orders.length} idle orders (${ids(orders)}) were pending for the crashed '${ghost}', ` +
              `and two workers reclaimed at the same time: '${one}' ${
                first.threw === undefined
                  ? `got ${gotOne.join(', ') || 'none'}`
                  : `threw "${first.threw}"`
              }, '${other}' ${
                second.threw === undefined
                  ? `got ${gotOther.join(', ') || 'none'}`
                  : `threw "${second.threw}"`
              }; pending now: ${owners(pending).join(', ')}. Each order must go to exactly one of ` +
              `them, and be pending for it. A claim must test the idle time itself (XAUTOCLAIM, or ` +
              `XCLAIM with min-idle-time): a list read first may be stale by the time you claim`,
          );
        },
      });
    },
  },

  // everything --------------------------------------------------------------------------------
  {
    name: 'no function searches for keys with KEYS or SCAN, not even from a script',
    logExecuted: true,
    async run({ call, sandboxClient, redis, expect, random, executed }) {
      await seedOrders(redis, random, random.int(0, 2));
      await redis.xadd(`${STREAM}:archive`, '*', ...fieldsOf(randomOrder(random)));
      await call('ensureGroup', sandboxClient);
      const [worker = '', rescuer = ''] = consumerNames(random, 2);
      await call('publishOrder', sandboxClient, randomOrder(random));
      const [first] = (await call('takeOrders', sandboxClient, worker, 2)) ?? [];
      if (first?.id) await call('ack', sandboxClient, first.id);
      await call('reclaim', sandboxClient, rescuer, 0);
      const searches = (await executed()).filter((command) =>
        ['keys', 'scan'].includes(command.name),
      );
      expect.ok(
        searches.length === 0,
        `every function knows its key, ${STREAM}: KEYS and SCAN walk through every key in ` +
          `Redis (and KEYS stops every other client while it does); Redis ran: ${listed(searches)}`,
      );
    },
  },
  {
    name: 'the functions store nothing but the stream orders',
    logExecuted: true,
    async run({ call, sandboxClient, redis, expect, random, snapshot, diff, executed }) {
      await redis.hset('billing:rates', 'vat', String(random.int(5, 25)));
      await redis.xadd(`${STREAM}:archive`, '*', ...fieldsOf(randomOrder(random)));
      const before = await snapshot();
      await call('ensureGroup', sandboxClient);
      const [worker = '', rescuer = ''] = consumerNames(random, 2);
      await call('publishOrder', sandboxClient, randomOrder(random));
      await call('publishOrder', sandboxClient, randomOrder(random));
      const [first] = (await call('takeOrders', sandboxClient, worker, 1)) ?? [];
      if (first?.id) {
        await call('ack', sandboxClient, first.id);
        // Acked already: an ack that comes too late stores nothing either.
        await call('ack', sandboxClient, first.id);
      }
      await call('takeOrders', sandboxClient, worker, 1);
      await call('reclaim', sandboxClient, rescuer, 0);
      const changes = diff(before, await snapshot());
      const elsewhere = changes.outside([STREAM]);
      expect.ok(
        elsewhere.length === 0,
        `ensureGroup, publishOrder, takeOrders, ack and reclaim may change ${STREAM} only: the ` +
          `group keeps its own position and pending entries inside the stream. But they ` +
          `${changes.describe(elsewhere)}`,
      );
      // A key written and deleted again (a lock around reclaim) is gone from the snapshot, but
      // Redis ran the write: judge every write, as Redis flags it, by the keys it names.
      const writes = (await executed()).filter(
        (command) => command.write && command.keys.some((key) => key !== STREAM),
      );
      expect.ok(
        writes.length === 0,
        `ensureGroup, publishOrder, takeOrders, ack and reclaim may write ${STREAM} only, not ` +
          `even a key that is gone again by the end (a lock, a marker): the group's pending ` +
          `entries already say who holds what, and XAUTOCLAIM hands each order to one caller. ` +
          `Redis ran: ${listed(writes)}`,
      );
    },
  },
];

export default checks;
