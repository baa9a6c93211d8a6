// fails: addToCart adds to the quantity of the item in the cart, and returns it
// addToCart gives the orders list a 7-day expiry too, so the user's history goes away.
import type Redis from 'ioredis';

export function cartKeys(user: string): { cart: string; orders: string } {
  return { cart: `cart:{${user}}`, orders: `orders:{${user}}` };
}

export function orderKey(user: string, orderId: string): string {
  return `order:{${user}}:${orderId}`;
}

// A user who walks away leaves nothing behind: the cart and the orders list expire together.
export async function addToCart(
  redis: Redis,
  user: string,
  item: string,
  quantity: number,
): Promise<number> {
  const { cart, orders } = cartKeys(user);
  const replies = await redis
    .multi()
    .hincrby(cart, item, quantity)
    .expire(cart, 604_800)
    .expire(orders, 604_800)
    .exec();
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
