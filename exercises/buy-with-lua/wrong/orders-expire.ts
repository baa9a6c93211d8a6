// fails: buy can spend the whole wallet and take the last item
// Gives orders:<user> a 30-day EXPIRE on each sale: a month without buying wipes the history.
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

const BUY = `
if tonumber(redis.call('GET', KEYS[2]) or '0') < 1 then return 'no-stock' end
if tonumber(redis.call('GET', KEYS[1]) or '0') < tonumber(ARGV[1]) then return 'no-money' end
redis.call('DECRBY', KEYS[1], ARGV[1])
redis.call('DECR', KEYS[2])
redis.call('RPUSH', KEYS[3], ARGV[2])
redis.call('EXPIRE', KEYS[3], 2592000)
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
