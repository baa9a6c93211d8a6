// fails: publishOrder keeps the stream to about its newest 1,000 orders
// Trims with MAXLEN ~ 1000 LIMIT 1000: one trim evicts at most 1,000 entries, so a stream
// other producers let grow past 2,100 keeps more than 1,100.
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
    'LIMIT',
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
  let cursor = '0-0';
  do {
    const [next, claimed] = (await redis.xautoclaim(
      STREAM,
      GROUP,
      consumer,
      minIdleMs,
      cursor,
    )) as [string, Entry[], string[]];
    taken.push(...claimed.map(toOrder));
    cursor = next;
  } while (cursor !== '0-0');
  return taken;
}
