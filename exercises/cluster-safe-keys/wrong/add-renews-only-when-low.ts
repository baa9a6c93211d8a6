// fails: the cart expires 7 days after the last addToCart
// addToCart renews the expiry only when less than a day is left.
import type Redis from 'ioredis';

export function cartKeys(user: string): { cart: string; orders: string } {
  return { cart: `cart:{${user}}`, orders: `orders:{${user}}` };
}

export function orderKey(user: string, orderId: string): string {
  return `order:{${user}}:${orderId}`;
}

// Writing the expiry on every add is wasted work: renew it only when less than a day is left.
const ADD = `
local total = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
if redis.call('TTL', KEYS[1]) < 86400 then redis.call('EXPIRE', KEYS[1], 604800) end
return total`;

export async function addToCart(
  redis: Redis,
  user: string,
  item: string,
  quantity: number,
): Promise<number> {
  const { cart } = cartKeys(user);
  return (await redis.eval(ADD, 1, cart, item, quantity)) as number;
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
