// Keys given as orders, stock, wallet and ARGV as item, price; the wallet lowered with
// INCRBYFLOAT by minus the price (a whole result is written without a fraction) and the stock
// with INCRBY -1; a missing key tested with `not`, not with `or '0'`.
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

const SELL = `
local stock = redis.call('GET', KEYS[2])
if not stock or tonumber(stock) <= 0 then return 'no-stock' end
local wallet = redis.call('GET', KEYS[3])
local price = tonumber(ARGV[2])
if not wallet or tonumber(wallet) - price < 0 then return 'no-money' end
redis.call('INCRBYFLOAT', KEYS[3], -price)
redis.call('INCRBY', KEYS[2], -1)
redis.call('RPUSH', KEYS[1], ARGV[1])
return 'ok'`;

export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<BuyResult> {
  const keys = [`orders:${user}`, `stock:${item}`, `wallet:${user}`];
  return (await redis.eval(SELL, keys.length, ...keys, item, String(price))) as BuyResult;
}
