// fails: buy reads Redis on every call, as the stock and the wallet change
// Trusts the balance its own last sale left for the next sale, which tests only the stock: a
// wallet lowered by another client in between pays for it anyway.
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

const FULL = `
local stock = tonumber(redis.call('GET', KEYS[2]) or '0')
if stock < 1 then return {'no-stock', -1} end
local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
if balance < tonumber(ARGV[1]) then return {'no-money', -1} end
local left = redis.call('DECRBY', KEYS[1], ARGV[1])
redis.call('DECR', KEYS[2])
redis.call('RPUSH', KEYS[3], ARGV[2])
return {'ok', left}
`;

const LIGHT = `
local stock = tonumber(redis.call('GET', KEYS[2]) or '0')
if stock < 1 then return {'no-stock', -1} end
local left = redis.call('DECRBY', KEYS[1], ARGV[1])
redis.call('DECR', KEYS[2])
redis.call('RPUSH', KEYS[3], ARGV[2])
return {'ok', left}
`;

const balanceAfterMySale = new Map<string, number>();
const usedOnce = new Set<string>();

export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<BuyResult> {
  const known = balanceAfterMySale.get(user) ?? 0;
  const light = known >= price && !usedOnce.has(user);
  const script = light ? LIGHT : FULL;
  const [result, left] = (await redis.eval(
    script,
    3,
    `wallet:${user}`,
    `stock:${item}`,
    `orders:${user}`,
    price,
    item,
  )) as [BuyResult, number];
  if (result === 'ok') {
    balanceAfterMySale.set(user, left);
    if (light) usedOnce.add(user);
    else usedOnce.delete(user);
  }
  return result;
}
