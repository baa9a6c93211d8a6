// fails: error
// Types the item into the script's text instead of ARGV: an item with a quote is a Lua syntax
// error, and every item is one more script for Redis to compile and cache.
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

const script = (item: string) => `
local stock = tonumber(redis.call('GET', KEYS[2]) or '0')
if stock < 1 then return 'no-stock' end
local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
if balance < tonumber(ARGV[1]) then return 'no-money' end
redis.call('DECRBY', KEYS[1], ARGV[1])
redis.call('DECR', KEYS[2])
redis.call('RPUSH', KEYS[3], '${item}')
return 'ok'
`;

export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<BuyResult> {
  return (await redis.eval(
    script(item),
    3,
    `wallet:${user}`,
    `stock:${item}`,
    `orders:${user}`,
    price,
  )) as BuyResult;
}
