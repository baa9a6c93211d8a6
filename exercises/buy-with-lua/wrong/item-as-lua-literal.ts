// fails: buy reads, decides and writes inside one Lua script
// Types the item into the script's text, quoted with JSON.stringify, instead of passing it in ARGV: no quote breaks it, but every item is a new script for Redis to compile and cache forever.
import type Redis from 'ioredis';

export type BuyResult = 'ok' | 'no-stock' | 'no-money';

const buyScript = (item: string) => `
local stock = tonumber(redis.call('GET', KEYS[2]) or '0')
if stock < 1 then
  return 'no-stock'
end
local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
local price = tonumber(ARGV[1])
if balance < price then
  return 'no-money'
end
redis.call('DECRBY', KEYS[1], price)
redis.call('DECR', KEYS[2])
redis.call('RPUSH', KEYS[3], ${JSON.stringify(item)})
return 'ok'
`;

export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<BuyResult> {
  const result = await redis.eval(
    buyScript(item),
    3,
    `wallet:${user}`,
    `stock:${item}`,
    `orders:${user}`,
    price,
  );
  return result as BuyResult;
}
