import { createHash } from 'node:crypto';
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

// What defineCommand does, written out: send the SHA1, and the script itself only when Redis
// has not cached it (NOSCRIPT).
const BUY = `
local stock = tonumber(redis.call('GET', KEYS[2]) or '0')
if stock < 1 then return 'no-stock' end
local price = tonumber(ARGV[1])
if tonumber(redis.call('GET', KEYS[1]) or '0') < price then return 'no-money' end
redis.call('DECRBY', KEYS[1], ARGV[1])
redis.call('DECRBY', KEYS[2], 1)
redis.call('RPUSH', KEYS[3], ARGV[2])
return 'ok'
`;
const SHA = createHash('sha1').update(BUY).digest('hex');

export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<BuyResult> {
  const args = [3, `wallet:${user}`, `stock:${item}`, `orders:${user}`, price, item] as const;
  try {
    return (await redis.evalsha(SHA, ...args)) as BuyResult;
  } catch (error) {
    if (!String((error as Error).message).startsWith('NOSCRIPT')) throw error;
    return (await redis.eval(BUY, ...args)) as BuyResult;
  }
}
