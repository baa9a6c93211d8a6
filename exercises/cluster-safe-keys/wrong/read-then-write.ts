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

// Reads the cart, then writes in a transaction, but without WATCH: an item added in between is
// deleted with the cart, and never reaches the order.
export async function checkout(redis: Redis, user: string, orderId: string): Promise<boolean> {
  const { cart, orders } = cartKeys(user);
  const items = await redis.hgetall(cart);
  if (Object.keys(items).length === 0) return false;
  await redis.multi().hset(orderKey(user, orderId), items).del(cart).rpush(orders, orderId).exec();
  return true;
}
