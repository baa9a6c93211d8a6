// Every function is one Lua script (EVAL); the whole reclaim loop runs inside Redis.
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
  const values: Record<string, string> = {};
  for (let index = 0; index < fields.length; index += 2) {
    values[fields[index] as string] = fields[index + 1] as string;
  }
  return {
    id,
    customer: values.customer as string,
    item: values.item as string,
    quantity: Number(values.quantity),
  };
}

const PUBLISH = `
return redis.call('XADD', KEYS[1], 'MAXLEN', '~', 1000, '*',
  'customer', ARGV[1], 'item', ARGV[2], 'quantity', ARGV[3])`;

const ENSURE = `
local ok = redis.pcall('XGROUP', 'CREATE', KEYS[1], 'billing', '0', 'MKSTREAM')
if type(ok) == 'table' and ok.err then
  if string.sub(ok.err, 1, 9) == 'BUSYGROUP' then return 'exists' end
  return redis.error_reply(ok.err)
end
return 'created'`;

const TAKE = `
local reply = redis.call('XREADGROUP', 'GROUP', 'billing', ARGV[1], 'COUNT', ARGV[2], 'STREAMS', KEYS[1], '>')
if not reply then return {} end
return reply[1][2]`;

const ACK = `return redis.call('XACK', KEYS[1], 'billing', ARGV[1])`;

const RECLAIM = `
local all = {}
local cursor = '0-0'
repeat
  local reply = redis.call('XAUTOCLAIM', KEYS[1], 'billing', ARGV[1], ARGV[2], cursor, 'COUNT', 100)
  cursor = reply[1]
  for _, entry in ipairs(reply[2]) do all[#all + 1] = entry end
until cursor == '0-0'
return all`;

export async function publishOrder(redis: Redis, order: Order): Promise<string> {
  return (await redis.eval(
    PUBLISH,
    1,
    'orders',
    order.customer,
    order.item,
    order.quantity,
  )) as string;
}

export async function ensureGroup(redis: Redis): Promise<void> {
  await redis.eval(ENSURE, 1, 'orders');
}

export async function takeOrders(
  redis: Redis,
  consumer: string,
  count: number,
): Promise<TakenOrder[]> {
  return ((await redis.eval(TAKE, 1, 'orders', consumer, count)) as Entry[]).map(toOrder);
}

export async function ack(redis: Redis, id: string): Promise<boolean> {
  return (await redis.eval(ACK, 1, 'orders', id)) === 1;
}

export async function reclaim(
  redis: Redis,
  consumer: string,
  minIdleMs: number,
): Promise<TakenOrder[]> {
  return ((await redis.eval(RECLAIM, 1, 'orders', consumer, minIdleMs)) as Entry[]).map(toOrder);
}
