// fails: checkout makes its changes in one MULTI/EXEC after a WATCH of the cart, or in one script
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

// RENAME moves whatever the cart holds at EXEC, so a late item is safe. But two checkouts can
// both see the cart: the second RENAME fails inside EXEC, and its RPUSH still runs.
export async function checkout(redis: Redis, user: string, orderId: string): Promise<boolean> {
  const { cart, orders } = cartKeys(user);
  const order = orderKey(user, orderId);
  if (!(await redis.exists(cart))) return false;
  await redis.multi().rename(cart, order).persist(order).rpush(orders, orderId).exec();
  return true;
}
