// fails: reclaim takes every idle order, even more than a hundred
// One XAUTOCLAIM with COUNT 1000 instead of following the cursor: over a thousand idle
// orders, the rest stay with the crashed worker.
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
  // The stream holds about 1000 orders, so 1000 at a time is every one of them.
  const [, claimed] = (await redis.xautoclaim(
    STREAM,
    GROUP,
    consumer,
    minIdleMs,
    '0-0',
    'COUNT',
    KEEP,
  )) as [string, Entry[], string[]];
  return claimed.map(toOrder);
}
