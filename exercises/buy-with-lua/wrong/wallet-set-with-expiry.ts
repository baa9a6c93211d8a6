// fails: buy can spend the whole wallet and take the last item
// Writes the new balance with SET … EX 86400: the money left vanishes a day later.
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

const BUY = `
local stock = tonumber(redis.call('GET', KEYS[2]) or '0')
if stock < 1 then return 'no-stock' end
local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
local price = tonumber(ARGV[1])
if balance < price then return 'no-money' end
redis.call('SET', KEYS[1], balance - price, 'EX', 86400)
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
