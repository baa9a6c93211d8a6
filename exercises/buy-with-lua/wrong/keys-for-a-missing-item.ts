// fails: a refused buy returns "no-stock" or "no-money" and writes nothing
// When stock:<item> does not exist, runs KEYS stock:* to look for the item in another case.
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money' | 'unknown';

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

async function run(redis: Redis, user: string, item: string, price: number) {
  const keys = [`wallet:${user}`, `stock:${item}`, `orders:${user}`];
  return (await redis.eval(BUY, keys.length, ...keys, price, item)) as BuyResult;
}

export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<'ok' | 'no-stock' | 'no-money'> {
  const result = await run(redis, user, item, price);
  if (result !== 'unknown') return result;
  const catalogue = await redis.keys('stock:*');
  const match = catalogue.find((key) => key.toLowerCase() === `stock:${item}`.toLowerCase());
  if (match === undefined) return 'no-stock';
  const again = await run(redis, user, match.slice('stock:'.length), price);
  return again === 'unknown' ? 'no-stock' : again;
}
