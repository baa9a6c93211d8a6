import type Redis from 'ioredis';

// The tag leads the name here: {user:<id>} is the hashed part of every key of the user.
const tag = (user: string) => `{user:${user}}`;

export function cartKeys(user: string): { cart: string; orders: string } {
  return { cart: `${tag(user)}:cart`, orders: `${tag(user)}:orders` };
}

export function orderKey(user: string, orderId: string): string {
  return `${tag(user)}:order:${orderId}`;
}

// Redis runs a script whole, with nothing in between: no WATCH, no retry. Every key comes in
// through KEYS, so that a Cluster knows which node to run it on.
const CHECKOUT = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('RENAME', KEYS[1], KEYS[2])
redis.call('PERSIST', KEYS[2])
redis.call('RPUSH', KEYS[3], ARGV[1])
return 1
`;

const ADD = `
local quantity = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], ARGV[3])
return quantity
`;

export async function addToCart(
  redis: Redis,
  user: string,
  item: string,
  quantity: number,
): Promise<number> {
  return (await redis.eval(ADD, 1, cartKeys(user).cart, item, quantity, 604_800)) as number;
}

export async function checkout(redis: Redis, user: string, orderId: string): Promise<boolean> {
  const { cart, orders } = cartKeys(user);
  const done = await redis.eval(CHECKOUT, 3, cart, orderKey(user, orderId), orders, orderId);
  return done === 1;
}
