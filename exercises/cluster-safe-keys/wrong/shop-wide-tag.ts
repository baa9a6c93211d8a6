// fails: the part of each name that Redis hashes holds the user's id, so users spread out
import type Redis from 'ioredis';

// One tag for the whole shop: every user's keys share a slot, so every cart of the shop lives on
// one node, and the other nodes of the cluster hold none.
export function cartKeys(user: string): { cart: string; orders: string } {
  return { cart: `{shop}:cart:${user}`, orders: `{shop}:orders:${user}` };
}

export function orderKey(user: string, orderId: string): string {
  return `{shop}:order:${user}:${orderId}`;
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
