// Right answer written differently: replies read as Buffers (xreadgroupBuffer, and XAUTOCLAIM
// through callBuffer) and decoded; ensureGroup is a Lua script that looks at the stream's groups
// and creates billing only when it is missing, one step as a script is; publishOrder passes its
// fields as a Map's entries with MAXLEN ~ 1000.
import type Redis from 'ioredis';

export interface Order {
  customer: string;
  item: string;
  quantity: number;
}

export interface TakenOrder extends Order {
  id: string;
}

type RawEntry = [id: Buffer, fields: Buffer[]];

const ENSURE = `
if redis.call('EXISTS', KEYS[1]) == 1 then
  for _, group in ipairs(redis.call('XINFO', 'GROUPS', KEYS[1])) do
    for index = 1, #group, 2 do
      if group[index] == 'name' and group[index + 1] == ARGV[1] then return 0 end
    end
  end
end
redis.call('XGROUP', 'CREATE', KEYS[1], ARGV[1], '0', 'MKSTREAM')
return 1
`;

function toOrder([id, fields]: RawEntry): TakenOrder {
  const values = new Map<string, string>();
  for (let index = 0; index + 1 < fields.length; index += 2) {
    values.set(String(fields[index]), String(fields[index + 1]));
  }
  return {
    id: id.toString(),
    customer: values.get('customer') as string,
    item: values.get('item') as string,
    quantity: Number(values.get('quantity')),
  };
}

export async function publishOrder(redis: Redis, order: Order): Promise<string> {
  const fields = new Map<string, string>([
    ['item', order.item],
    ['customer', order.customer],
    ['quantity', String(order.quantity)],
  ]);
  const id = await redis.xadd('orders', 'MAXLEN', '~', 1000, '*', ...[...fields].flat());
  return String(id);
}

export async function ensureGroup(redis: Redis): Promise<void> {
  await redis.eval(ENSURE, 1, 'orders', 'billing');
}

export async function takeOrders(
  redis: Redis,
  consumer: string,
  count: number,
): Promise<TakenOrder[]> {
  const reply = (await redis.xreadgroupBuffer(
    'GROUP',
    'billing',
    consumer,
    'COUNT',
    count,
    'STREAMS',
    'orders',
    '>',
  )) as [Buffer, RawEntry[]][] | null;
  return (reply?.[0]?.[1] ?? []).map(toOrder);
}

export async function ack(redis: Redis, id: string): Promise<boolean> {
  return (await redis.xack('orders', 'billing', id)) === 1;
}

export async function reclaim(
  redis: Redis,
  consumer: string,
  minIdleMs: number,
): Promise<TakenOrder[]> {
  const taken: TakenOrder[] = [];
  let cursor = '0-0';
  do {
    const [next, claimed] = (await redis.callBuffer(
      'XAUTOCLAIM',
      'orders',
      'billing',
      consumer,
      String(minIdleMs),
      cursor,
    )) as [Buffer, RawEntry[], Buffer[]];
    taken.push(...claimed.map(toOrder));
    cursor = next.toString();
  } while (cursor !== '0-0');
  return taken;
}
