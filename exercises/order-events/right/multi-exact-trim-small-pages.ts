// publishOrder adds and trims exactly (XTRIM MAXLEN = 1000) in one MULTI; ensureGroup through
// call() from 0-0; fields paired with Object.fromEntries; reclaim follows the cursor, COUNT 37.
import type Redis from 'ioredis';

export interface Order {
  customer: string;
  item: string;
  quantity: number;
}

export interface TakenOrder extends Order {
  id: string;
}

type Entry = [string, string[]];

const toOrder = ([id, flat]: Entry): TakenOrder => {
  const pairs: [string, string][] = [];
  for (let i = 0; i + 1 < flat.length; i += 2)
    pairs.push([flat[i] as string, flat[i + 1] as string]);
  const fields = Object.fromEntries(pairs);
  return {
    id,
    customer: fields.customer as string,
    item: fields.item as string,
    quantity: Number(fields.quantity),
  };
};

export async function publishOrder(redis: Redis, order: Order): Promise<string> {
  const replies = await redis
    .multi()
    .xadd(
      'orders',
      '*',
      'quantity',
      String(order.quantity),
      'customer',
      order.customer,
      'item',
      order.item,
    )
    .xtrim('orders', 'MAXLEN', '=', 1000)
    .exec();
  const [error, id] = replies?.[0] ?? [new Error('transaction aborted'), null];
  if (error) throw error;
  return id as string;
}

export async function ensureGroup(redis: Redis): Promise<void> {
  try {
    await redis.call('XGROUP', 'CREATE', 'orders', 'billing', '0-0', 'MKSTREAM');
  } catch (error) {
    if (/^BUSYGROUP/.test((error as Error).message)) return;
    throw error;
  }
}

export async function takeOrders(
  redis: Redis,
  consumer: string,
  count: number,
): Promise<TakenOrder[]> {
  const reply = (await redis.xreadgroup(
    'GROUP',
    'billing',
    consumer,
    'COUNT',
    String(count),
    'STREAMS',
    'orders',
    '>',
  )) as [string, Entry[]][] | null;
  return (reply?.[0]?.[1] ?? []).map(toOrder);
}

export async function ack(redis: Redis, id: string): Promise<boolean> {
  const n = (await redis.call('XACK', 'orders', 'billing', id)) as number;
  return n > 0;
}

export async function reclaim(
  redis: Redis,
  consumer: string,
  minIdleMs: number,
): Promise<TakenOrder[]> {
  const out: TakenOrder[] = [];
  let cursor = '0-0';
  for (;;) {
    const [next, entries] = (await redis.call(
      'XAUTOCLAIM',
      'orders',
      'billing',
      consumer,
      String(minIdleMs),
      cursor,
      'COUNT',
      '37',
    )) as [string, (Entry | null)[], string[]];
    for (const entry of entries) if (entry?.[1]) out.push(toOrder(entry));
    if (next === '0-0') break;
    cursor = next;
  }
  return out;
}
