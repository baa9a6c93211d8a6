// fails: the script is given every key it uses in KEYS, and only keys
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

// Works on one server, but the script makes its key names from ARGV and is given none: a
// Cluster client cannot tell where to send it.
const BUY = `
local wallet = 'wallet:' .. ARGV[1]
local stock = 'stock:' .. ARGV[2]
if tonumber(redis.call('GET', stock) or '0') < 1 then return 'no-stock' end
if tonumber(redis.call('GET', wallet) or '0') < tonumber(ARGV[3]) then return 'no-money' end
redis.call('DECRBY', wallet, ARGV[3])
redis.call('DECR', stock)
redis.call('RPUSH', 'orders:' .. ARGV[1], ARGV[2])
return 'ok'
`;

export async function buy(
  redis: Redis,
  user: string,
  item: string,
  price: number,
): Promise<BuyResult> {
  return (await redis.eval(BUY, 0, user, item, price)) as BuyResult;
}
