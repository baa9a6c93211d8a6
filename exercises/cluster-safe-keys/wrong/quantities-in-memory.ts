// fails: addToCart adds to the quantity of the item in the cart, and returns it
import type Redis from 'ioredis';
export function cartKeys(user: string): { cart: string; orders: string } {
  return { cart: `cart:{${user}}`, orders: `orders:{${user}}` };
}

export function orderKey(user: string, orderId: string): string {
  return `order:{${user}}:${orderId}`;
}

// Keeps the quantities in the program as well, and trusts them over Redis: another server of
// the shop, or a cart that expired, and the totals are wrong.
const known = new Map<string, number>();

export async function addToCart(
  redis: Redis,
  user: string,
  item: string,
  quantity: number,
): Promise<number> {
  const { cart } = cartKeys(user);
  const total = (known.get(`${cart} ${item}`) ?? 0) + quantity;
  known.set(`${cart} ${item}`, total);
  await redis.multi().hset(cart, item, total).expire(cart, 604_800).exec();
  return total;
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
