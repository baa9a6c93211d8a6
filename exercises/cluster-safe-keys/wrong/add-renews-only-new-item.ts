// fails: the cart expires 7 days after the last addToCart
// addToCart gives the cart its 7 days only when the item is new, not when it adds more of one.
import type Redis from 'ioredis';

export function cartKeys(user: string): { cart: string; orders: string } {
  return { cart: `cart:{${user}}`, orders: `orders:{${user}}` };
}

export function orderKey(user: string, orderId: string): string {
  return `order:{${user}}:${orderId}`;
}

// The cart's 7 days start when something is put in it: a new item (re)starts the clock. One
// script, so a new cart never exists without its expiry.
const ADD = `
local total = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
if total == tonumber(ARGV[2]) then redis.call('EXPIRE', KEYS[1], 604800) end
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
