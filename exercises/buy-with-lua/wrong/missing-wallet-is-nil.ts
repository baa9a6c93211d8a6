// fails: error
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

// tonumber(false) is nil, and comparing nil with a number stops the script with an error:
// a user without a wallet key makes buy throw instead of answering "no-money".
const BUY = `
if tonumber(redis.call('GET', KEYS[2])) < 1 then return 'no-stock' end
if tonumber(redis.call('GET', KEYS[1])) < tonumber(ARGV[1]) then return 'no-money' end
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
