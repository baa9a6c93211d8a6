// Right answer written differently: names start with the tag ({<user>}:cart, {<user>}:orders,
// {<user>}:order:<id>); addToCart adds with HINCRBYFLOAT and turns its text reply into a number;
// checkout takes the cart's TTL off with PERSIST before it RENAMEs the cart, all in one
// MULTI/EXEC after WATCH, and reads the cart's size with HLEN.
import type Redis from 'ioredis';

export function cartKeys(user: string): { cart: string; orders: string } {
  return { cart: `{${user}}:cart`, orders: `{${user}}:orders` };
}

export function orderKey(user: string, orderId: string): string {
  return `{${user}}:order:${orderId}`;
}

export async function addToCart(
  redis: Redis,
  user: string,
  item: string,
  quantity: number,
): Promise<number> {
  const { cart } = cartKeys(user);
  const replies = await redis
    .multi()
    .hincrbyfloat(cart, item, quantity)
    .expire(cart, 604_800)
    .exec();
  const [error, total] = replies?.[0] ?? [];
  if (error) throw error;
  return Number(total);
}

export async function checkout(redis: Redis, user: string, orderId: string): Promise<boolean> {
  const { cart, orders } = cartKeys(user);
  for (let attempt = 1; ; attempt++) {
    await redis.watch(cart);
    if ((await redis.hlen(cart)) === 0) {
      await redis.unwatch();
      return false;
    }
    const done = await redis
      .multi()
      .persist(cart)
      .rename(cart, orderKey(user, orderId))
      .rpush(orders, orderId)
      .exec();
    if (done) return true;
    if (attempt === 5) throw new Error('checkout: the cart kept changing');
  }
}
