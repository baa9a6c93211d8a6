// fails: publishOrder keeps the stream to about its newest 1,000 orders
// Trims by age, MINID ~ of an id a day old, instead of by count: a busy day leaves far more than
// 1,100 orders in the stream.
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

/** An entry as XREADGROUP, XRANGE and XAUTOCLAIM give it: its id and a flat field, value list. */
type Entry = [id: string, fields: string[]];

function toOrder([id, fields]: Entry): TakenOrder {
  // The fields come as one flat list, [name, value, name, value, …]: pair them up by name.
  const values: Record<string, string> = {};
  for (let index = 0; index < fields.length; index += 2) {
    values[fields[index] as string] = fields[index + 1] as string;
  }
  // Every entry of orders has these three fields (publishOrder writes them).
  const { customer, item, quantity } = values as Record<keyof Order, string>;
  // Redis keeps every value as text: the number comes back as "3".
  return { id, customer, item, quantity: Number(quantity) };
}

export async function publishOrder(redis: Redis, order: Order): Promise<string> {
  // '*' lets Redis choose the id, later than every id the stream holds. MAXLEN ~ drops the
  // oldest entries in whole blocks, which is cheap, and keeps at least the newest 1000.
  const id = await redis.xadd(
    STREAM,
    'MINID',
    '~',
    `${Date.now() - 86_400_000}-0`,
    '*',
    'customer',
    order.customer,
    'item',
    order.item,
    'quantity',
    order.quantity,
  );
  return id as string; // null only with NOMKSTREAM, which is not used here
}

export async function ensureGroup(redis: Redis): Promise<void> {
  try {
    // From id 0, so that orders published before billing first started are billed too.
    // MKSTREAM creates the stream, empty, when no order has been published yet.
    await redis.xgroup('CREATE', STREAM, GROUP, '0', 'MKSTREAM');
  } catch (error) {
    // BUSYGROUP: another worker created it first. Its position and pending entries stay as
    // they are. Any other error is a real problem, and goes to the caller.
    if (!(error instanceof Error && error.message.startsWith('BUSYGROUP'))) throw error;
  }
}

export async function takeOrders(
  redis: Redis,
  consumer: string,
  count: number,
): Promise<TakenOrder[]> {
  // '>' asks for entries never delivered to anyone in the group. Redis hands each to this
  // consumer alone and records it in the group's pending entries list until it is acked.
  const reply = (await redis.xreadgroup(
    'GROUP',
    GROUP,
    consumer,
    'COUNT',
    count,
    'STREAMS',
    STREAM,
    '>',
  )) as [[stream: string, entries: Entry[]]] | null; // one stream asked, one answered
  if (reply === null) return []; // nothing new: the reply is null, not an empty list
  const [[, entries]] = reply;
  return entries.map(toOrder);
}

export async function ack(redis: Redis, id: string): Promise<boolean> {
  // XACK answers how many of the ids were pending: 0 for an order acked before, or never
  // delivered. The entry itself stays in the stream, for other groups and for history.
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
    // XAUTOCLAIM scans the pending list from the cursor and gives this consumer every entry
    // idle for minIdleMs or longer, up to COUNT (100 by default) per call. It answers the
    // cursor to go on from ('0-0' once the scan is done), the entries it claimed, and the ids
    // of entries that were deleted from the stream meanwhile, which it drops from the list.
    const [next, claimed] = (await redis.xautoclaim(
      STREAM,
      GROUP,
      consumer,
      minIdleMs,
      cursor,
    )) as [cursor: string, claimed: Entry[], deleted: string[]];
    taken.push(...claimed.map(toOrder));
    cursor = next;
  } while (cursor !== '0-0');
  return taken;
}
