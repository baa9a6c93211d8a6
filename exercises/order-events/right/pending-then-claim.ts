import type Redis from 'ioredis';

interface Order {
  customer: string;
  item: string;
  quantity: number;
}

interface TakenOrder extends Order {
  id: string;
}

type Entry = [id: string, fields: string[]];

const STREAM = 'orders';
const GROUP = 'billing';
const PAGE = 100;

function parse([id, fields]: Entry): TakenOrder {
  const pairs: [string, string][] = [];
  for (let i = 0; i < fields.length; i += 2) pairs.push([fields[i] ?? '', fields[i + 1] ?? '']);
  const { customer = '', item = '', quantity = '0' } = Object.fromEntries(pairs);
  return { id, customer, item, quantity: Number(quantity) };
}

// XADD and an exact XTRIM in one transaction: the stream never holds more than 1000 entries.
export async function publishOrder(redis: Redis, order: Order): Promise<string> {
  const replies = await redis
    .multi()
    .xadd(STREAM, '*', 'customer', order.customer, 'item', order.item, 'quantity', order.quantity)
    .xtrim(STREAM, 'MAXLEN', 1000)
    .exec();
  const [[error, id] = []] = replies ?? [];
  if (error) throw error;
  return id as string;
}

export async function ensureGroup(redis: Redis): Promise<void> {
  await redis.call('XGROUP', 'CREATE', STREAM, GROUP, '0', 'MKSTREAM').catch((error: Error) => {
    if (!error.message.startsWith('BUSYGROUP')) throw error;
  });
}

// Through call(), ioredis 6 hands XREADGROUP's RESP3 map over flat: [stream, entries].
export async function takeOrders(
  redis: Redis,
  consumer: string,
  count: number,
): Promise<TakenOrder[]> {
  const reply = (await redis.call(
    'XREADGROUP',
    'GROUP',
    GROUP,
    consumer,
    'COUNT',
    count,
    'STREAMS',
    STREAM,
    '>',
  )) as [stream: string, entries: Entry[]] | null;
  return reply === null ? [] : reply[1].map(parse);
}

export async function ack(redis: Redis, id: string): Promise<boolean> {
  return ((await redis.call('XACK', STREAM, GROUP, id)) as number) > 0;
}

// XPENDING lists the idle orders a page at a time; XCLAIM with the same min-idle-time tests
// each one again, so an order another worker claimed in between (its idle time reset) is skipped.
export async function reclaim(
  redis: Redis,
  consumer: string,
  minIdleMs: number,
): Promise<TakenOrder[]> {
  const taken: TakenOrder[] = [];
  let start = '-';
  for (;;) {
    const page = (await redis.xpending(STREAM, GROUP, 'IDLE', minIdleMs, start, '+', PAGE)) as [
      id: string,
      consumer: string,
      idle: number,
      deliveries: number,
    ][];
    const last = page[page.length - 1];
    if (last === undefined) break;
    const claimed = (await redis.xclaim(
      STREAM,
      GROUP,
      consumer,
      minIdleMs,
      ...page.map(([id]) => id),
    )) as Entry[];
    taken.push(...claimed.map(parse));
    if (page.length < PAGE) break;
    start = `(${last[0]}`;
  }
  return taken;
}
