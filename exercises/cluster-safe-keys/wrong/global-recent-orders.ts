// fails: checkout changes only the user's cart, orders list and new order
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

// Keeps the shop's latest orders in the same transaction: orders:recent has no tag, so it
// hashes to its own slot, and a Cluster refuses the whole EXEC with CROSSSLOT.
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
      .lpush('orders:recent', order)
      .ltrim('orders:recent', 0, 99)
      .exec();
    if (replies) return true;
  }
  throw new Error('the cart keeps changing');
}
