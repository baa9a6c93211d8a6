// fails: cartKeys and orderKey give every user and every order keys of their own
// orderKey is the tag and the order id alone, {u}:<id>: the order id `orders` (or `cart`) names the
// user's orders list (or cart), and checkout then renames the cart over it.
import type Redis from 'ioredis';

// The tag leads every name; the rest tells the keys apart. Order ids look like o-1001, so they
// can never be "cart" or "orders".
export function cartKeys(user: string): { cart: string; orders: string } {
  return { cart: `{${user}}:cart`, orders: `{${user}}:orders` };
}

export function orderKey(user: string, orderId: string): string {
  return `{${user}}:${orderId}`;
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
