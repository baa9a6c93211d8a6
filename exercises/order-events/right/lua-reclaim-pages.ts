// publishOrder with MAXLEN = 1000; fields read through a Map; reclaim runs one XAUTOCLAIM
// COUNT 250 per EVAL and follows the cursor from JavaScript.
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

function toOrder(id: string, flat: string[]): TakenOrder {
  const m = new Map<string, string>();
  flat.forEach((value, i) => {
    if (i % 2 === 1) m.set(flat[i - 1] as string, value);
  });
  return {
    id,
    customer: m.get('customer') as string,
    item: m.get('item') as string,
    quantity: +(m.get('quantity') as string),
  };
}

export async function publishOrder(redis: Redis, order: Order): Promise<string> {
  return (await redis.xadd(
    'orders',
    'MAXLEN',
    '=',
    1000,
    '*',
    'item',
    order.item,
    'customer',
    order.customer,
    'quantity',
    order.quantity,
  )) as string;
}

export async function ensureGroup(redis: Redis): Promise<void> {
  await redis.xgroup('CREATE', 'orders', 'billing', 0, 'MKSTREAM').then(
    () => undefined,
    (error: Error) => {
      if (!String(error.message).startsWith('BUSYGROUP')) throw error;
    },
  );
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
  return (reply?.[0]?.[1] ?? []).map(([id, flat]) => toOrder(id, flat));
}

export async function ack(redis: Redis, id: string): Promise<boolean> {
  return (await redis.xack('orders', 'billing', id)) === 1;
}

const PAGE = `return redis.call('XAUTOCLAIM', KEYS[1], 'billing', ARGV[1], ARGV[2], ARGV[3], 'COUNT', 250)`;

export async function reclaim(
  redis: Redis,
  consumer: string,
  minIdleMs: number,
): Promise<TakenOrder[]> {
  const out: TakenOrder[] = [];
  let cursor = '0-0';
  do {
    const [next, claimed] = (await redis.eval(PAGE, 1, 'orders', consumer, minIdleMs, cursor)) as [
      string,
      Entry[],
    ];
    for (const [id, flat] of claimed) if (flat) out.push(toOrder(id, flat));
    cursor = next;
  } while (cursor !== '0-0');
  return out;
}
