// fails: buy reads, decides and writes inside one Lua script
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

// Two scripts: one decides, the other writes. Each runs as one step, but another buy can run
// between the two and spend the same money.
const CHECK = `
if tonumber(redis.call('GET', KEYS[2]) or '0') < 1 then return 'no-stock' end
if tonumber(redis.call('GET', KEYS[1]) or '0') < tonumber(ARGV[1]) then return 'no-money' end
return 'ok'
`;
const WRITE = `
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
  const verdict = (await redis.eval(CHECK, 3, ...keys, price)) as BuyResult;
  if (verdict !== 'ok') return verdict;
  return (await redis.eval(WRITE, 3, ...keys, price, item)) as BuyResult;
}
