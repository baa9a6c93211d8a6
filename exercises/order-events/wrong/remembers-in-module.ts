// fails: ensureGroup starts the group at the beginning: orders published before it are billed too
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

let created = false;

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

// Remembers in the module that the group was made; Redis may lose it meanwhile.
export async function ensureGroup(redis: Redis): Promise<void> {
  if (created) return;
  try {
    await redis.xgroup('CREATE', 'orders', 'billing', '0', 'MKSTREAM');
  } catch (error) {
    if (!(error as Error).message.startsWith('BUSYGROUP')) throw error;
  }
  created = true;
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

export async function ack(redis: Redis, id: string): Promise<boolean> {
  return (await redis.xack('orders', 'billing', id)) === 1;
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
