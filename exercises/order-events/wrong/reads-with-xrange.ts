// fails: takeOrders returns the oldest new orders, at most count, as { id, customer, item, quantity }
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

// Reads the stream itself, not through the group: every consumer gets the same orders.
export async function takeOrders(
  redis: Redis,
  consumer: string,
  count: number,
): Promise<TakenOrder[]> {
  void consumer;
  const entries = await redis.xrange('orders', '-', '+', 'COUNT', count);
  return entries.map(toOrder);
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
