// fails: a new cart never exists without its expiry, not even for a moment
import type Redis from 'ioredis';

export function cartKeys(user: string): { cart: string; orders: string } {
  return { cart: `cart:{${user}}`, orders: `orders:{${user}}` };
}

export function orderKey(user: string, orderId: string): string {
  return `order:{${user}}:${orderId}`;
}

// Two commands, two round trips: between them the new cart has no expiry, and if the process
// dies there it never gets one.
export async function addToCart(
  redis: Redis,
  user: string,
  item: string,
  quantity: number,
): Promise<number> {
  const { cart } = cartKeys(user);
  const total = await redis.hincrby(cart, item, quantity);
  await redis.expire(cart, 604_800);
  return total;
}

export async function checkout(redis: Redis, user: string, orderId: string): Promise<boolean> {
  const { cart, orders } = cartKeys(user);
  const order = orderKey(user, orderId);
  for (let attempt = 0; attempt < 10; attempt++) {
    await redis.watch(cart);
    if (!(await redis.exists(cart))) {
      await redis.unwatch();
      return false;
    }
    const replies = await redis
      .multi()
      .rename(cart, order)
      .persist(order)
      .rpush(orders, orderId)
      .exec();
    if (replies) return true;
  }
  throw new Error('the cart keeps changing');
}
