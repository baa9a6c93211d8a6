// fails: error
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

// Loads the script once and keeps its SHA1: when Redis loses its script cache (a restart, a
// failover, SCRIPT FLUSH), every EVALSHA answers NOSCRIPT, and nothing sends the script again.
let sha: string | undefined;

export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<BuyResult> {
  sha ??= (await redis.script('LOAD', BUY)) as string;
  const keys = [`wallet:${user}`, `stock:${item}`, `orders:${user}`];
  return (await redis.evalsha(sha, keys.length, ...keys, price, item)) as BuyResult;
}
