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

// Each step is atomic on its own, but between them another client sees an order that no list
// names, or a list naming an order that still expires.
export async function checkout(redis: Redis, user: string, orderId: string): Promise<boolean> {
  const { cart, orders } = cartKeys(user);
  const order = orderKey(user, orderId);
  try {
    await redis.rename(cart, order);
  } catch {
    return false; // ERR no such key: no cart
  }
  await redis.persist(order);
  await redis.rpush(orders, orderId);
  return true;
}
