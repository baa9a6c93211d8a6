import type Redis from 'ioredis';

interface Order {
  customer: string;
  item: string;
  quantity: number;
}

interface TakenOrder extends Order {
  id: string;
}

const ORDERS = 'orders';

function toTaken(id: string, fields: readonly string[]): TakenOrder {
  const order: Record<string, string> = {};
  fields.forEach((value, index) => {
    if (index % 2 === 1) order[fields[index - 1] ?? ''] = value;
  });
  return {
    id,
    customer: order.customer ?? '',
    item: order.item ?? '',
    quantity: Number.parseInt(order.quantity ?? '0', 10),
  };
}

// An exact cap: the entry goes in and the oldest beyond 1000 go out in the same command.
export async function publishOrder(redis: Redis, order: Order): Promise<string> {
  const { customer, item, quantity } = order;
  const id = await redis.xadd(
    ORDERS,
    'MAXLEN',
    1000,
    '*',
    'customer',
    customer,
    'item',
    item,
    'quantity',
    String(quantity),
  );
  if (id === null) throw new Error('XADD added nothing');
  return id;
}

// The script runs in one step: it creates the group, or finds BUSYGROUP and returns quietly.
// Any other error it hands back as an error reply, which ioredis throws.
const ENSURE_GROUP = `
local created = redis.pcall('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
if type(created) == 'table' and created.err and string.find(created.err, 'BUSYGROUP', 1, true) ~= 1 then
  return created
end
return 'OK'
`;

export async function ensureGroup(redis: Redis): Promise<void> {
  await redis.eval(ENSURE_GROUP, 1, ORDERS, 'billing');
}

export async function takeOrders(
  redis: Redis,
  consumer: string,
  count: number,
): Promise<TakenOrder[]> {
  const streams = await redis.xreadgroup(
    'GROUP',
    'billing',
    consumer,
    'COUNT',
    count,
    'STREAMS',
    ORDERS,
    '>',
  );
  const taken: TakenOrder[] = [];
  for (const [, entries] of (streams ?? []) as [string, [string, string[]][]][]) {
    for (const [id, fields] of entries) taken.push(toTaken(id, fields));
  }
  return taken;
}

export async function ack(redis: Redis, id: string): Promise<boolean> {
  const acknowledged = await redis.xack(ORDERS, 'billing', id);
  return acknowledged > 0;
}

// Smaller pages than XAUTOCLAIM's default 100, followed to the end of the pending list.
export async function reclaim(
  redis: Redis,
  consumer: string,
  minIdleMs: number,
): Promise<TakenOrder[]> {
  const taken: TakenOrder[] = [];
  for (let cursor = '0-0', first = true; first || cursor !== '0-0'; first = false) {
    const [next, entries] = (await redis.call(
      'XAUTOCLAIM',
      ORDERS,
      'billing',
      consumer,
      minIdleMs,
      cursor,
      'COUNT',
      25,
    )) as [string, [string, string[]][], string[]];
    for (const [id, fields] of entries) taken.push(toTaken(id, fields));
    cursor = next;
  }
  return taken;
}
