// checkout is a Redis function (FUNCTION LOAD, then FCALL with the three keys in KEYS) that copies
// the cart field by field; addToCart uses MULTI with EXPIREAT in whole seconds.
import type Redis from 'ioredis';

const LIBRARY = `#!lua name=cartcheckout
redis.register_function('cart_checkout', function(keys, args)
  local fields = redis.call('HGETALL', keys[1])
  if #fields == 0 then return 0 end
  redis.call('HSET', keys[2], unpack(fields))
  redis.call('DEL', keys[1])
  redis.call('RPUSH', keys[3], args[1])
  return 1
end)`;

export function cartKeys(user: string): { cart: string; orders: string } {
  return { cart: `user:{${user}}:cart`, orders: `user:{${user}}:orders` };
}

export function orderKey(user: string, orderId: string): string {
  return `user:{${user}}:order:${orderId}`;
}

export async function addToCart(
  redis: Redis,
  user: string,
  item: string,
  quantity: number,
): Promise<number> {
  const { cart } = cartKeys(user);
  const at = Math.floor(Date.now() / 1000) + 604_800;
  const replies = await redis.multi().hincrby(cart, item, quantity).expireat(cart, at).exec();
  const [error, total] = replies?.[0] ?? [new Error('addToCart aborted')];
  if (error) throw error;
  return Number(total);
}

export async function checkout(redis: Redis, user: string, orderId: string): Promise<boolean> {
  const { cart, orders } = cartKeys(user);
  const keys = [cart, orderKey(user, orderId), orders];
  try {
    return (await redis.fcall('cart_checkout', 3, ...keys, orderId)) === 1;
  } catch (error) {
    if (!/function not found/i.test(String(error))) throw error;
    await redis.function('LOAD', 'REPLACE', LIBRARY);
    return (await redis.fcall('cart_checkout', 3, ...keys, orderId)) === 1;
  }
}
