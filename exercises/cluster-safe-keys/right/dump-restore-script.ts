// Right answer written differently: both functions are Lua scripts given every key through KEYS;
// checkout moves the cart with DUMP and RESTORE (a TTL of 0: no expiry), then DEL and RPUSH;
// names are u:{<user>}:cart, u:{<user>}:orders and u:{<user>}:order:<id>.
import type Redis from 'ioredis';

const ADD = `
local total = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
redis.call('EXPIRE', KEYS[1], 604800)
return total
`;

const CHECKOUT = `
local payload = redis.call('DUMP', KEYS[1])
if not payload then return 0 end
redis.call('RESTORE', KEYS[2], 0, payload)
redis.call('DEL', KEYS[1])
redis.call('RPUSH', KEYS[3], ARGV[1])
return 1
`;

export function cartKeys(user: string): { cart: string; orders: string } {
  return { cart: `u:{${user}}:cart`, orders: `u:{${user}}:orders` };
}

export function orderKey(user: string, orderId: string): string {
  return `u:{${user}}:order:${orderId}`;
}

export async function addToCart(
  redis: Redis,
  user: string,
  item: string,
  quantity: number,
): Promise<number> {
  return (await redis.eval(ADD, 1, cartKeys(user).cart, item, quantity)) as number;
}

export async function checkout(redis: Redis, user: string, orderId: string): Promise<boolean> {
  const { cart, orders } = cartKeys(user);
  const moved = await redis.eval(CHECKOUT, 3, cart, orderKey(user, orderId), orders, orderId);
  return moved === 1;
}
