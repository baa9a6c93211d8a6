// fails: reclaim takes over the orders idle for at least minIdleMs, oldest first, and no others
// Claims with XPENDING IDLE then XCLAIM, but skips idle orders already pending for the caller
// itself: a worker restarted under its old name never gets its stuck orders back.
import type Redis from 'ioredis';

export interface Order {
  customer: string;
  item: string;
  quantity: number;
}

export interface TakenOrder extends Order {
  id: string;
}

const STREAM = 'orders';
const GROUP = 'billing';
const KEEP = 1000;

type Entry = [id: string, fields: string[]];

function toOrder([id, fields]: Entry): TakenOrder {
  const values: Record<string, string> = {};
  for (let index = 0; index < fields.length; index += 2) {
    values[fields[index] as string] = fields[index + 1] as string;
  }
  const { customer, item, quantity } = values as Record<keyof Order, string>;
  return { id, customer, item, quantity: Number(quantity) };
}

export async function publishOrder(redis: Redis, order: Order): Promise<string> {
  const id = await redis.xadd(
    STREAM,
    'MAXLEN',
    '~',
    KEEP,
    '*',
    'customer',
    order.customer,
    'item',
    order.item,
    'quantity',
    order.quantity,
  );
  return id as string;
}

export async function ensureGroup(redis: Redis): Promise<void> {
  try {
    await redis.xgroup('CREATE', STREAM, GROUP, '0', 'MKSTREAM');
  } catch (error) {
    if (!(error instanceof Error && error.message.startsWith('BUSYGROUP'))) throw error;
  }
}

export async function takeOrders(
  redis: Redis,
  consumer: string,
  count: number,
): Promise<TakenOrder[]> {
  const reply = (await redis.xreadgroup(
    'GROUP',
    GROUP,
    consumer,
    'COUNT',
    count,
    'STREAMS',
    STREAM,
    '>',
  )) as [[string, Entry[]]] | null;
  if (reply === null) return [];
  return reply[0][1].map(toOrder);
}

export async function ack(redis: Redis, id: string): Promise<boolean> {
  return (await redis.xack(STREAM, GROUP, id)) === 1;
}

export async function reclaim(
  redis: Redis,
  consumer: string,
  minIdleMs: number,
): Promise<TakenOrder[]> {
  const taken: TakenOrder[] = [];
  let start = '-';
  for (;;) {
    // XPENDING orders billing IDLE min - + 100: the idle ones, 100 at a time.
    const rows = (await redis.xpending(STREAM, GROUP, 'IDLE', minIdleMs, start, '+', 100)) as [
      string,
      string,
      number,
      number,
    ][];
    // Orders already ours need no claiming.
    const others = rows.filter(([, owner]) => owner !== consumer).map(([id]) => id);
    if (others.length > 0) {
      // XCLAIM with min-idle-time checks the idle time again, atomically, per entry.
      const claimed = (await redis.xclaim(
        STREAM,
        GROUP,
        consumer,
        minIdleMs,
        ...others,
      )) as Entry[];
      taken.push(...claimed.filter((entry) => entry?.[1]).map(toOrder));
    }
    if (rows.length < 100) break;
    const [ms, seq] = (rows[rows.length - 1]?.[0] ?? '0-0').split('-');
    start = `${ms}-${Number(seq) + 1}`;
  }
  return taken;
}
