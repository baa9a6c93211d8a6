// fails: a refused buy returns "no-stock" or "no-money" and writes nothing
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

const BUY = `
if tonumber(redis.call('GET', KEYS[2]) or '0') < 1 then return 'no-stock' end
if tonumber(redis.call('GET', KEYS[1]) or '0') < tonumber(ARGV[1]) then return 'no-money' end
redis.call('DECRBY', KEYS[1], ARGV[1])
redis.call('DECR', KEYS[2])
redis.call('RPUSH', KEYS[3], ARGV[2])
return 'ok'
`;

// Looks the item up in the list of every stock key first, "to refuse unknown items early":
// KEYS walks the whole database (and blocks Redis while it does) to learn what one GET says.
export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<BuyResult> {
  const catalogue = await redis.keys('stock:*');
  if (!catalogue.includes(`stock:${item}`)) return 'no-stock';
  const keys = [`wallet:${user}`, `stock:${item}`, `orders:${user}`];
  return (await redis.eval(BUY, keys.length, ...keys, price, item)) as BuyResult;
}
