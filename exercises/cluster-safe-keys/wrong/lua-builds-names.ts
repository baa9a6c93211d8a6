// fails: every command, transaction, pipeline and script keeps to one hash slot
import type Redis from 'ioredis';

// The script builds the names itself from the user id. On one Redis that works; a Cluster sends
// a script to the node of the keys it declares, and this one declares none.
const CHECKOUT = `
local cart = 'cart:{' .. ARGV[1] .. '}'
local order = 'order:{' .. ARGV[1] .. '}:' .. ARGV[2]
if redis.call('EXISTS', cart) == 0 then return 0 end
redis.call('RENAME', cart, order)
redis.call('PERSIST', order)
redis.call('RPUSH', 'orders:{' .. ARGV[1] .. '}', ARGV[2])
return 1
`;

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

export async function checkout(redis: Redis, user: string, orderId: string): Promise<boolean> {
  return (await redis.eval(CHECKOUT, 0, user, orderId)) === 1;
}
