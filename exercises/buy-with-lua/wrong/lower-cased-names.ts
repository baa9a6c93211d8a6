// fails: buy takes the price from wallet:<user>, one from stock:<item>, and returns "ok"
// Lower-cases the user and the item before building the keys: wallet:Ada is never read.
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

export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<BuyResult> {
  const who = user.trim().toLowerCase();
  const what = item.trim().toLowerCase();
  const keys = [`wallet:${who}`, `stock:${what}`, `orders:${who}`];
  return (await redis.eval(BUY, keys.length, ...keys, price, what)) as BuyResult;
}
