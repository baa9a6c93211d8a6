import type Redis from 'ioredis';

const user$ = (user: string) => `{${user}}`;

export function cartKeys(user: string): { cart: string; orders: string } {
  return { cart: `cart${user$(user)}`, orders: `orders${user$(user)}` };
}

export function orderKey(user: string, orderId: string): string {
  return `order${user$(user)}${orderId}`;
}

export async function addToCart(
  redis: Redis,
  user: string,
  item: string,
  quantity: number,
): Promise<number> {
  const { cart } = cartKeys(user);
  const [[, added] = []] =
    (await redis.multi().hincrby(cart, item, quantity).pexpire(cart, 604_800_000).exec()) ?? [];
  return Number(added);
}

// The script checks and moves; COPY … then DEL is RENAME in two steps, both inside the script.
const withCheckout = (redis: Redis) => {
  if (!('cartCheckout' in redis)) {
    redis.defineCommand('cartCheckout', {
      numberOfKeys: 3,
      lua: `
        if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
        redis.call('COPY', KEYS[1], KEYS[2])
        redis.call('PERSIST', KEYS[2])
        redis.call('DEL', KEYS[1])
        redis.call('RPUSH', KEYS[3], ARGV[1])
        return 1`,
    });
  }
  return redis as Redis & {
    cartCheckout(cart: string, order: string, orders: string, id: string): Promise<number>;
  };
};

export async function checkout(redis: Redis, user: string, orderId: string): Promise<boolean> {
  const { cart, orders } = cartKeys(user);
  return (
    (await withCheckout(redis).cartCheckout(cart, orderKey(user, orderId), orders, orderId)) === 1
  );
}
