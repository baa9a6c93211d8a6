// fails: checkout makes its changes in one MULTI/EXEC after a WATCH of the cart, or in one script
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

// A pipeline sends the three changes together, but Redis may run another client's command
// between any two of them: a pipeline is not a transaction.
export async function checkout(redis: Redis, user: string, orderId: string): Promise<boolean> {
  const { cart, orders } = cartKeys(user);
  const order = orderKey(user, orderId);
  await redis.watch(cart);
  if (!(await redis.exists(cart))) {
    await redis.unwatch();
    return false;
  }
  await redis.pipeline().rename(cart, order).persist(order).rpush(orders, orderId).exec();
  await redis.unwatch();
  return true;
}
