// The one EVAL sent through a pipeline of one command, its reply read from the results.
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

const BUY = `
local stock = tonumber(redis.call('GET', KEYS[2]) or '0')
if stock < 1 then return 'no-stock' end
local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
if balance < tonumber(ARGV[1]) then return 'no-money' end
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
  const results = await redis
    .pipeline()
    .eval(BUY, 3, `wallet:${user}`, `stock:${item}`, `orders:${user}`, price, item)
    .exec();
  const [error, reply] = results?.[0] ?? [new Error('no reply'), null];
  if (error) throw error;
  return reply as BuyResult;
}
