// fails: buy reads Redis on every call, as the stock and the wallet change
// Remembers the stock its own last sale left and, while that is 1 or more, runs a script that
// tests only the wallet: a stock emptied by another client is sold below 0.
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

const FULL = `
local stock = tonumber(redis.call('GET', KEYS[2]) or '0')
if stock < 1 then return {'no-stock', stock} end
local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
if balance < tonumber(ARGV[1]) then return {'no-money', stock} end
redis.call('DECRBY', KEYS[1], ARGV[1])
local left = redis.call('DECR', KEYS[2])
redis.call('RPUSH', KEYS[3], ARGV[2])
return {'ok', left}
`;

// The shelf had some left after my last sale: only the money needs testing.
const LIGHT = `
local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
if balance < tonumber(ARGV[1]) then return {'no-money', -1} end
redis.call('DECRBY', KEYS[1], ARGV[1])
local left = redis.call('DECR', KEYS[2])
redis.call('RPUSH', KEYS[3], ARGV[2])
return {'ok', left}
`;

const leftAfterMySale = new Map<string, number>();

export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<BuyResult> {
  const known = leftAfterMySale.get(item) ?? 0;
  const script = known >= 1 ? LIGHT : FULL;
  const [result, left] = (await redis.eval(
    script,
    3,
    `wallet:${user}`,
    `stock:${item}`,
    `orders:${user}`,
    price,
    item,
  )) as [BuyResult, number];
  if (result === 'ok') leftAfterMySale.set(item, left);
  return result;
}
