// fails: buy appends the item to the end of the list orders:<user>
// Records encodeURIComponent(item) in orders:<user>: "Kid's mug" becomes "Kid's%20mug".
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

const BUY = `
local stock = tonumber(redis.call('GET', KEYS[2]) or '0')
if stock < 1 then return 'no-stock' end
local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
if balance < tonumber(ARGV[1]) then return 'no-money' end
redis.call('DECRBY', KEYS[1], ARGV[1])
local left = redis.call('DECR', KEYS[2])
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
    encodeURIComponent(item),
  )) as BuyResult;
}
