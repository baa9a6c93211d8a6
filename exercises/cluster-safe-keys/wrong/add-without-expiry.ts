// fails: the cart expires 7 days after the last addToCart
import type Redis from 'ioredis';
export function cartKeys(user: string): { cart: string; orders: string } {
  return { cart: `cart:{${user}}`, orders: `orders:{${user}}` };
}

export function orderKey(user: string, orderId: string): string {
  return `order:{${user}}:${orderId}`;
}

// The cart never expires: abandoned carts pile up for ever.
export async function addToCart(
  redis: Redis,
  user: string,
  item: string,
  quantity: number,
): Promise<number> {
  return redis.hincrby(cartKeys(user).cart, item, quantity);
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
