// fails: takeOrders returns the oldest new orders, at most count, as { id, customer, item, quantity }
// Reads an entry's values at positions 1, 3 and 5: an entry another producer wrote with its
// fields in another order comes back with the wrong customer and quantity NaN.
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

function byPosition([id, fields]: Entry): TakenOrder {
  // customer, item, quantity: the values sit at 1, 3 and 5.
  return {
    id,
    customer: fields[1] as string,
    item: fields[3] as string,
    quantity: Number(fields[5]),
  };
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
  return reply[0][1].map(byPosition);
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
  let cursor = '0-0';
  do {
    const [next, claimed] = (await redis.xautoclaim(
      STREAM,
      GROUP,
      consumer,
      minIdleMs,
      cursor,
    )) as [string, Entry[], string[]];
    taken.push(...claimed.map(byPosition));
    cursor = next;
  } while (cursor !== '0-0');
  return taken;
}
