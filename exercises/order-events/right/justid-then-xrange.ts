// XADD then an exact XTRIM in one MULTI; ensureGroup with ENTRIESREAD through call();
// reclaim claims with XAUTOCLAIM … COUNT 25 JUSTID and reads the entries with XRANGE.
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
  const o: Record<string, string> = {};
  for (let i = 0; i + 1 < fields.length; i += 2) o[fields[i] as string] = fields[i + 1] as string;
  return {
    id,
    customer: o.customer as string,
    item: o.item as string,
    quantity: Number(o.quantity),
  };
}

export async function publishOrder(redis: Redis, order: Order): Promise<string> {
  const replies = await redis
    .multi()
    .xadd(
      'orders',
      '*',
      'customer',
      order.customer,
      'item',
      order.item,
      'quantity',
      String(order.quantity),
    )
    .xtrim('orders', 'MAXLEN', 1000)
    .exec();
  const [error, id] = replies?.[0] ?? [new Error('transaction aborted')];
  if (error) throw error;
  return id as string;
}

export async function ensureGroup(redis: Redis): Promise<void> {
  // From 0-0 (the very start), with ENTRIESREAD 0 so that XINFO's lag counts every entry.
  await redis
    .call('XGROUP', 'CREATE', 'orders', 'billing', '0-0', 'MKSTREAM', 'ENTRIESREAD', 0)
    .catch((e: Error) => {
      if (!e.message.startsWith('BUSYGROUP')) throw e;
    });
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
    count,
    'STREAMS',
    'orders',
    '>',
  )) as [string, Entry[]][] | null;
  return reply ? (reply[0] as [string, Entry[]])[1].map(toOrder) : [];
}

export async function ack(redis: Redis, id: string): Promise<boolean> {
  const [[error, acked]] = (await redis.pipeline().xack('orders', 'billing', id).exec()) as [
    [Error | null, number],
  ];
  if (error) throw error;
  return acked === 1;
}

export async function reclaim(
  redis: Redis,
  consumer: string,
  minIdleMs: number,
): Promise<TakenOrder[]> {
  const ids: string[] = [];
  let cursor = '0-0';
  do {
    const [next, claimed] = (await redis.xautoclaim(
      'orders',
      'billing',
      consumer,
      minIdleMs,
      cursor,
      'COUNT',
      25,
      'JUSTID',
    )) as [string, string[], string[]];
    ids.push(...claimed);
    cursor = next;
  } while (cursor !== '0-0');
  if (ids.length === 0) return [];
  const pipeline = redis.pipeline();
  for (const id of ids) pipeline.xrange('orders', id, id);
  const replies = (await pipeline.exec()) ?? [];
  return replies.flatMap(([, entries]) => (entries as Entry[]).map(toOrder));
}
