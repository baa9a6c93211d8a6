// fails: buy reads Redis on every call, as the stock and the wallet change
// Remembers items that had no stock key and answers "no-stock" for them ever after, stocked or not.
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

const BUY = `
local raw = redis.call('GET', KEYS[2])
if not raw then return 'unknown' end
if tonumber(raw) < 1 then return 'no-stock' end
if tonumber(redis.call('GET', KEYS[1]) or '0') < tonumber(ARGV[1]) then return 'no-money' end
redis.call('DECRBY', KEYS[1], ARGV[1])
redis.call('DECR', KEYS[2])
redis.call('RPUSH', KEYS[3], ARGV[2])
return 'ok'
`;

const notInCatalogue = new Set<string>();

export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<BuyResult> {
  if (notInCatalogue.has(item)) return 'no-stock';
  const keys = [`wallet:${user}`, `stock:${item}`, `orders:${user}`];
  const result = (await redis.eval(BUY, keys.length, ...keys, price, item)) as
    | BuyResult
    | 'unknown';
  if (result === 'unknown') {
    notInCatalogue.add(item);
    return 'no-stock';
  }
  return result;
}
