// The script refuses with an error reply (redis.error_reply); buy turns that rejection back
// into 'no-stock' or 'no-money' and lets any other error through.
import type Redis from 'ioredis';

type BuyResult = 'ok' | 'no-stock' | 'no-money';

const BUY = `
local stock = tonumber(redis.call('GET', KEYS[2]) or '0')
if stock < 1 then return redis.error_reply('REFUSED no-stock') end
local balance = tonumber(redis.call('GET', KEYS[1]) or '0')
if balance < tonumber(ARGV[1]) then return redis.error_reply('REFUSED no-money') end
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
  try {
    return (await redis.eval(
      BUY,
      3,
      `wallet:${user}`,
      `stock:${item}`,
      `orders:${user}`,
      price,
      item,
    )) as BuyResult;
  } catch (error) {
    const refused = /REFUSED (no-stock|no-money)/.exec(String(error));
    if (refused?.[1] === 'no-stock' || refused?.[1] === 'no-money') return refused[1];
    throw error;
  }
}
