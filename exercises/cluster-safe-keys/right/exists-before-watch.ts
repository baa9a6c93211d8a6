// A missing cart is refused at once, before any WATCH; otherwise WATCH, look again and RENAMENX,
// retrying from the WATCH. addToCart queues its commands with multi()'s array form.
import type Redis from 'ioredis';

export function cartKeys(user: string): { cart: string; orders: string } {
  return { cart: `shop:{${user}}:cart`, orders: `shop:{${user}}:orders` };
}

export function orderKey(user: string, orderId: string): string {
  return `shop:{${user}}:order:${orderId}`;
}

export async function addToCart(
  redis: Redis,
  user: string,
  item: string,
  quantity: number,
): Promise<number> {
  const { cart } = cartKeys(user);
  const replies = await redis
    .multi([
      ['hincrby', cart, item, String(quantity)],
      ['expire', cart, '604800'],
    ])
    .exec();
  if (!replies) throw new Error('addToCart: transaction aborted');
  const [error, total] = replies[0] ?? [];
  if (error) throw error;
  return Number(total);
}

export async function checkout(redis: Redis, user: string, orderId: string): Promise<boolean> {
  const { cart, orders } = cartKeys(user);
  const order = orderKey(user, orderId);
  if ((await redis.exists(cart)) === 0) return false;
  for (let attempt = 0; attempt < 10; attempt++) {
    await redis.watch(cart);
    if ((await redis.exists(cart)) === 0) {
      await redis.unwatch();
      return false;
    }
    const replies = await redis
      .multi()
      .renamenx(cart, order)
      .persist(order)
      .rpush(orders, orderId)
      .exec();
    if (replies !== null) return true;
  }
  throw new Error('checkout: the cart kept changing, gave up');
}
