import type Redis from 'ioredis';

export interface Order {
  customer: string;
  item: string;
  quantity: number;
}

export interface TakenOrder extends Order {
  id: string;
}

export async function publishOrder(redis: Redis, order: Order): Promise<string> {
  // TODO: XADD the order to `orders` with the id *, trimming to about 1000 entries, and return
  // the id Redis answers.
  void [redis, order];
  return '';
}

export async function ensureGroup(redis: Redis): Promise<void> {
  // TODO: XGROUP CREATE the group `billing` on `orders`, from the start of the stream, creating
  // the stream if need be. A BUSYGROUP error means it exists already: that is fine.
  void redis;
}

export async function takeOrders(
  redis: Redis,
  consumer: string,
  count: number,
): Promise<TakenOrder[]> {
  // TODO: XREADGROUP as `consumer` of `billing`, up to `count` orders never handed out (>).
  void [redis, consumer, count];
  return [];
}

export async function ack(redis: Redis, id: string): Promise<boolean> {
  // TODO: XACK the order in `billing`; true when it was pending.
  void [redis, id];
  return false;
}

export async function reclaim(
  redis: Redis,
  consumer: string,
  minIdleMs: number,
): Promise<TakenOrder[]> {
  // TODO: claim for `consumer` every order pending for at least minIdleMs (XAUTOCLAIM).
  void [redis, consumer, minIdleMs];
  return [];
}
