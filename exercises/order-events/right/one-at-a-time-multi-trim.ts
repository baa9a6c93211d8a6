// Right answer written differently: publishOrder adds and trims to exactly 1000 in MULTI/EXEC,
// its fields in another order; takeOrders reads one order per XREADGROUP (COUNT 1) until it has
// `count` or Redis answers null; ack and ensureGroup through redis.call(); reclaim follows
// XAUTOCLAIM's cursor with pages of 37.
import type Redis from 'ioredis';

export interface Order {
  customer: string;
  item: string;
  quantity: number;
}

export interface TakenOrder extends Order {
  id: string;
}

type Entry = [id: string, fields: string[]];

function toOrder([id, fields]: Entry): TakenOrder {
  const pairs: [string, string][] = [];
  for (let index = 0; index + 1 < fields.length; index += 2) {
    pairs.push([fields[index] as string, fields[index + 1] as string]);
  }
  const values = Object.fromEntries(pairs) as Record<keyof Order, string>;
  return { id, customer: values.customer, item: values.item, quantity: Number(values.quantity) };
}

export async function publishOrder(redis: Redis, order: Order): Promise<string> {
  const replies = await redis
    .multi()
    .xadd('orders', '*', 'quantity', order.quantity, 'item', order.item, 'customer', order.customer)
    .xtrim('orders', 'MAXLEN', 1000)
    .exec();
  const [error, id] = replies?.[0] ?? [];
  if (error) throw error;
  return id as string;
}

export async function ensureGroup(redis: Redis): Promise<void> {
  try {
    await redis.call('XGROUP', 'CREATE', 'orders', 'billing', '0', 'MKSTREAM');
  } catch (error) {
    if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
  }
}

export async function takeOrders(
  redis: Redis,
  consumer: string,
  count: number,
): Promise<TakenOrder[]> {
  const taken: TakenOrder[] = [];
  while (taken.length < count) {
    const reply = (await redis.xreadgroup(
      'GROUP',
      'billing',
      consumer,
      'COUNT',
      1,
      'STREAMS',
      'orders',
      '>',
    )) as [string, Entry[]][] | null;
    const entry = reply?.[0]?.[1]?.[0];
    if (entry === undefined) break;
    taken.push(toOrder(entry));
  }
  return taken;
}

export async function ack(redis: Redis, id: string): Promise<boolean> {
  return Number(await redis.call('XACK', 'orders', 'billing', id)) > 0;
}

export async function reclaim(
  redis: Redis,
  consumer: string,
  minIdleMs: number,
): Promise<TakenOrder[]> {
  const taken: TakenOrder[] = [];
  let cursor = '0-0';
  for (;;) {
    const [next, claimed] = (await redis.xautoclaim(
      'orders',
      'billing',
      consumer,
      minIdleMs,
      cursor,
      'COUNT',
      37,
    )) as [string, Entry[], string[]];
    for (const entry of claimed) taken.push(toOrder(entry));
    if (next === '0-0') return taken;
    cursor = next;
  }
}
