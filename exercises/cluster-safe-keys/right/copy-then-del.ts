// checkout decides on HLEN after a WATCH, then COPY, DEL, PERSIST and RPUSH in one MULTI; addToCart
// is a Lua script sent by EVALSHA, with EVAL when Redis does not know it yet.
import { createHash } from 'node:crypto';
import type Redis from 'ioredis';

export function cartKeys(user: string): { cart: string; orders: string } {
  return { cart: `{${user}}.cart`, orders: `{${user}}.orders` };
}

export function orderKey(user: string, orderId: string): string {
  return `{${user}}.order.${orderId}`;
}

const ADD = `local q = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return q`;
const ADD_SHA = createHash('sha1').update(ADD).digest('hex');

export async function addToCart(
  redis: Redis,
  user: string,
  item: string,
  quantity: number,
): Promise<number> {
  const { cart } = cartKeys(user);
  try {
    return (await redis.evalsha(ADD_SHA, 1, cart, item, quantity, 604_800)) as number;
  } catch (error) {
    if (!String(error).includes('NOSCRIPT')) throw error;
    return (await redis.eval(ADD, 1, cart, item, quantity, 604_800)) as number;
  }
}

export async function checkout(redis: Redis, user: string, orderId: string): Promise<boolean> {
  const { cart, orders } = cartKeys(user);
  const order = orderKey(user, orderId);
  for (let attempt = 0; attempt < 10; attempt++) {
    await redis.watch(cart);
    if ((await redis.hlen(cart)) === 0) {
      await redis.unwatch();
      return false;
    }
    const replies = await redis
      .multi()
      .copy(cart, order)
      .del(cart)
      .persist(order)
      .rpush(orders, orderId)
      .exec();
    if (replies !== null) return true;
  }
  throw new Error('checkout: the cart kept changing, gave up');
}
