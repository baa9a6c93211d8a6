// The tag first ({user}:cart), addToCart in a Lua script with PEXPIRE, checkout WATCHing the cart
// and the orders list, multi()'s array form, and recursion for the retry.
import type Redis from 'ioredis';

const ADD = `
local total = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return total`;

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
  return Number(await redis.eval(ADD, 1, cart, item, String(quantity), String(604_800_000)));
}

async function tryCheckout(
  redis: Redis,
  user: string,
  orderId: string,
  left: number,
): Promise<boolean> {
  const { cart, orders } = cartKeys(user);
  const order = orderKey(user, orderId);
  await redis.watch(cart, orders);
  if ((await redis.exists(cart)) !== 1) {
    await redis.unwatch();
    return false;
  }
  const replies = await redis
    .multi([
      ['rename', cart, order],
      ['persist', order],
      ['rpush', orders, orderId],
    ])
    .exec();
  if (replies !== null) return true;
  if (left <= 1) throw new Error('checkout: too many concurrent changes');
  return tryCheckout(redis, user, orderId, left - 1);
}

export async function checkout(redis: Redis, user: string, orderId: string): Promise<boolean> {
  return tryCheckout(redis, user, orderId, 8);
}
