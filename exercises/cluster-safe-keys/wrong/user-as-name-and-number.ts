// fails: error
// the names parse the user id as letters then digits, and throw for `ada`, `42` or `42ada`.
import type Redis from 'ioredis';

// A user id is a name and a number (ada42): check it has both, and tag with them.
function tag(user: string): string {
  const [, name, number] = /^([a-z]+)(\d+)$/.exec(user) as RegExpExecArray;
  return `{${name}${number}}`;
}

export function cartKeys(user: string): { cart: string; orders: string } {
  return { cart: `cart:${tag(user)}`, orders: `orders:${tag(user)}` };
}

export function orderKey(user: string, orderId: string): string {
  return `order:${tag(user)}:${orderId}`;
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
    if ((await redis.exists(cart)) === 0) {
      await redis.unwatch();
      return false;
    }
    const replies = await redis
      .multi()
      .rename(cart, order)
      .persist(order)
      .rpush(orders, orderId)
      .exec();
    if (replies !== null) return true;
  }
  throw new Error('checkout: the cart kept changing, gave up');
}
