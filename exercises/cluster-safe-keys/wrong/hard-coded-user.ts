// fails: cartKeys and orderKey give every user and every order keys of their own
import type Redis from 'ioredis';

// Written against the example in the statement, and never given the user back.
export function cartKeys(_user: string): { cart: string; orders: string } {
  return { cart: 'cart:{ada42}', orders: 'orders:{ada42}' };
}

export function orderKey(_user: string, orderId: string): string {
  return `order:{ada42}:${orderId}`;
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
