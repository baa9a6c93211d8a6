// fails: a refused buy returns "no-stock" or "no-money" and writes nothing
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

// Tests the stock only when the key exists: an item with no stock key is sold, and DECR
// creates it at "-1".
const BUY = `
local stock = redis.call('GET', KEYS[2])
if stock and tonumber(stock) < 1 then return 'no-stock' end
local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
if balance < tonumber(ARGV[1]) then return 'no-money' end
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
