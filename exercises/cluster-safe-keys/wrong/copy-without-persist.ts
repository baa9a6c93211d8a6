// fails: the order and the orders list never expire, though the cart did
// COPY then DEL instead of RENAME, without PERSIST: COPY carries the cart's TTL to the order, which
// then expires.
import type Redis from 'ioredis';

const CART_SECONDS = 7 * 24 * 60 * 60;
const MAX_ATTEMPTS = 10;

// Every key of a user carries the same hash tag, {<user>}: Redis Cluster hashes only what is
// inside the braces, so the cart, the orders list and every order land in the user's slot, and
// one transaction may touch them all. The rest of each name is free to tell them apart.
export function cartKeys(user: string): { cart: string; orders: string } {
  return { cart: `cart:{${user}}`, orders: `orders:{${user}}` };
}

// The order's id stays outside the braces: inside, it would pick a slot of its own.
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
  // One key, so one slot; MULTI keeps the cart from ever existing without its expiry.
  const replies = await redis
    .multi()
    .hincrby(cart, item, quantity)
    .expire(cart, CART_SECONDS)
    .exec();
  return replies?.[0]?.[1] as number;
}

export async function checkout(redis: Redis, user: string, orderId: string): Promise<boolean> {
  const { cart, orders } = cartKeys(user);
  const order = orderKey(user, orderId);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    // WATCH before the check: an item added, or another checkout, after it aborts our EXEC.
    await redis.watch(cart);
    if ((await redis.exists(cart)) === 0) {
      await redis.unwatch();
      return false;
    }
    const replies = await redis.multi().copy(cart, order).del(cart).rpush(orders, orderId).exec();
    if (replies !== null) return true;
    // null: the cart changed after our WATCH. Look at it again.
  }
  throw new Error(`checkout of ${user}'s cart: the cart kept changing, gave up`);
}
