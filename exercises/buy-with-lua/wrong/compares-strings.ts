// fails: buy compares the balance and the price as numbers, not as text
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

// GET answers a string and ARGV holds strings: without tonumber, Lua compares them letter by
// letter, and "150" < "60".
const BUY = `
local stock = redis.call('GET', KEYS[2]) or '0'
if stock == '0' then return 'no-stock' end
local balance = redis.call('GET', KEYS[1]) or '0'
if balance < ARGV[1] then return 'no-money' end
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
  return (await redis.eval(
    BUY,
    3,
    `wallet:${user}`,
    `stock:${item}`,
    `orders:${user}`,
    price,
    item,
  )) as BuyResult;
}
