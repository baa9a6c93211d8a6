// fails: buy can spend the whole wallet and take the last item
// Adds the item to shop:sold-out when a sale takes the last one: a key outside the three, and
// not given in KEYS.
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

const BUY = `
if tonumber(redis.call('GET', KEYS[2]) or '0') < 1 then return 'no-stock' end
if tonumber(redis.call('GET', KEYS[1]) or '0') < tonumber(ARGV[1]) then return 'no-money' end
redis.call('DECRBY', KEYS[1], ARGV[1])
if redis.call('DECR', KEYS[2]) == 0 then
  redis.call('SADD', 'shop:sold-out', ARGV[2])
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
