// fails: checkout of a cart that does not exist returns false and changes nothing
import type Redis from 'ioredis';
export function cartKeys(user: string): { cart: string; orders: string } {
  return { cart: `cart:{${user}}`, orders: `orders:{${user}}` };
}

export function orderKey(user: string, orderId: string): string {
  return `order:{${user}}:${orderId}`;
}

export async function addToCart(
  redis: Redis,
  user: string,
  item: string,
  quantity: number,
): Promise<number> {
  const { cart } = cartKeys(user);
  const replies = await redis.multi().hincrby(cart, item, quantity).expire(cart, 604_800).exec();
  return replies?.[0]?.[1] as number;
}

// Lets RENAME find out whether there is a cart. When there is none, RENAME fails inside EXEC,
// but the RPUSH queued with it still runs: MULTI has no rollback.
export async function checkout(redis: Redis, user: string, orderId: string): Promise<boolean> {
  const { cart, orders } = cartKeys(user);
  const order = orderKey(user, orderId);
  const replies = await redis
    .multi()
    .rename(cart, order)
    .persist(order)
    .rpush(orders, orderId)
    .exec();
  return replies?.[0]?.[0] == null;
}
