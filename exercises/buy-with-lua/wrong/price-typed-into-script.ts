// fails: buy reads, decides and writes inside one Lua script
// Types the price into the script's text instead of ARGV: every price is a new script for Redis to compile and cache forever.
import type Redis from 'ioredis';

export type BuyResult = 'ok' | 'no-stock' | 'no-money';

const buyScript = (price: number) => `
local stock = tonumber(redis.call('GET', KEYS[2]) or '0')
if stock < 1 then
  return 'no-stock'
end
local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
local price = ${price}
if balance < price then
  return 'no-money'
end
redis.call('DECRBY', KEYS[1], price)
redis.call('DECR', KEYS[2])
redis.call('RPUSH', KEYS[3], ARGV[1])
return 'ok'
`;

export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<BuyResult> {
  const result = await redis.eval(
    buyScript(price),
    3,
    `wallet:${user}`,
    `stock:${item}`,
    `orders:${user}`,
    item,
  );
  return result as BuyResult;
}
