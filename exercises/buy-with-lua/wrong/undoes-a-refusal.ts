// fails: a refused buy returns "no-stock" or "no-money" and writes nothing
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

// Takes first and gives back when a number went below zero. The values end right for a key
// that existed, but the writes happened (and a missing stock key is left at "0").
const BUY = `
if redis.call('DECR', KEYS[2]) < 0 then
  redis.call('INCR', KEYS[2])
  return 'no-stock'
end
if redis.call('DECRBY', KEYS[1], ARGV[1]) < 0 then
  redis.call('INCRBY', KEYS[1], ARGV[1])
  redis.call('INCR', KEYS[2])
  return 'no-money'
end
redis.call('RPUSH', KEYS[3], ARGV[2])
return 'ok'
`;

export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<BuyResult> {
  const keys = [`wallet:${user}`, `stock:${item}`, `orders:${user}`];
  return (await redis.eval(BUY, keys.length, ...keys, price, item)) as BuyResult;
}
