import type Redis from 'ioredis';

export function cartKeys(user: string): { cart: string; orders: string } {
  return { cart: `shop:cart:{${user}}`, orders: `shop:orders:{${user}}` };
}

export function orderKey(user: string, orderId: string): string {
  return `shop:order:{${user}}:${orderId}`;
}

export async function addToCart(
  redis: Redis,
  user: string,
  item: string,
  quantity: number,
): Promise<number> {
  const { cart } = cartKeys(user);
  // An absolute expiry, 7 days from now, set in the same transaction as the quantity.
  const expiresAt = Math.floor(Date.now() / 1000) + 7 * 24 * 3600;
  const replies = await redis
    .multi()
    .hincrby(cart, item, quantity)
    .expireat(cart, expiresAt)
    .exec();
  return Number(replies?.[0]?.[1]);
}

// Reads the items and writes them into a new hash, which has no TTL to begin with. WATCH makes
// the read safe: an item added after it aborts the EXEC, and the loop reads again.
export async function checkout(redis: Redis, user: string, orderId: string): Promise<boolean> {
  const { cart, orders } = cartKeys(user);
  for (;;) {
    await redis.watch(cart);
    const items = await redis.hgetall(cart);
    if (Object.keys(items).length === 0) {
      await redis.unwatch();
      return false;
    }
    const replies = await redis
      .multi()
      .hset(orderKey(user, orderId), items)
      .del(cart)
      .rpush(orders, orderId)
      .exec();
    if (replies) return true;
  }
}
