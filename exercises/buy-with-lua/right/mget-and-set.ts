// Keys in another order, the item before the price in ARGV, both values read with one MGET,
// and the new values written with SET.
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

const BUY = `
local values = redis.call('MGET', KEYS[2], KEYS[3])
local stock = tonumber(values[1]) or 0
local balance = tonumber(values[2]) or 0
local price = tonumber(ARGV[2])
if stock < 1 then return 'no-stock' end
if balance < price then return 'no-money' end
redis.call('SET', KEYS[3], string.format('%d', balance - price))
redis.call('SET', KEYS[2], string.format('%d', stock - 1))
redis.call('RPUSH', KEYS[1], ARGV[1])
return 'ok'
`;

export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<BuyResult> {
  const result = await redis.eval(
    BUY,
    3,
    `orders:${user}`,
    `stock:${item}`,
    `wallet:${user}`,
    item,
    String(price),
  );
  return result as BuyResult;
}
