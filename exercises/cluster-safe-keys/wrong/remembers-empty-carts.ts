// fails: checkout of a cart that does not exist returns false and changes nothing
// checkout remembers in the module the users it found without a cart and answers false for them
// without asking Redis, though another server may have filled the cart since.
import type Redis from 'ioredis';

export function cartKeys(user: string): { cart: string; orders: string } {
  return { cart: `cart:{${user}}`, orders: `orders:{${user}}` };
}

export function orderKey(user: string, orderId: string): string {
  return `order:{${user}}:${orderId}`;
}

// Users whose carts we know are empty: skip a round trip to Redis for them.
const emptyCarts = new Set<string>();

export async function addToCart(
  redis: Redis,
  user: string,
  item: string,
  quantity: number,
): Promise<number> {
  const { cart } = cartKeys(user);
  const replies = await redis.multi().hincrby(cart, item, quantity).expire(cart, 604_800).exec();
  emptyCarts.delete(user);
  return replies?.[0]?.[1] as number;
}

export async function checkout(redis: Redis, user: string, orderId: string): Promise<boolean> {
  if (emptyCarts.has(user)) return false;
  const { cart, orders } = cartKeys(user);
  const order = orderKey(user, orderId);
  for (let attempt = 0; attempt < 10; attempt++) {
    await redis.watch(cart);
    if ((await redis.exists(cart)) === 0) {
      await redis.unwatch();
      emptyCarts.add(user);
      return false;
    }
    const replies = await redis
      .multi()
      .rename(cart, order)
      .persist(order)
      .rpush(orders, orderId)
      .exec();
    if (replies !== null) {
      emptyCarts.add(user);
      return true;
    }
  }
  throw new Error('checkout: the cart kept changing, gave up');
}
